import type { Db } from "../db/client";
import { CommonErrors, isAwsError, type AwsError } from "../errors";
import { recordAudit, type AuditEntry } from "../services/audit/record";
import type { CallContext } from "../services/context";
import { describeRequest } from "../services/iam/authorization/request-actions";
import { authorizeRequest } from "../services/iam/authorize";
import type { CredentialResolver } from "../services/iam/credentials";
import type { IamDecisionData } from "../services/iam/policy-sets";
import { authenticate, type Caller } from "./authenticate";
import { GatewayErrors, wireErrorCode } from "./errors";
import type { GatewayLogger } from "./logger";
import { PROTOCOLS } from "./protocols";
import type { WireResponse } from "./protocols/types";
import type { OperationRegistry } from "./registry";
import { headerValue, type GatewayRequest } from "./request";
import type { Route } from "./routing";
import { parseSignature } from "./sigv4";

export interface GatewayDeps {
  registry: OperationRegistry;
  db: Db;
  resolveCredential: CredentialResolver;
  /** What IAM decisions need (policy sets, team enforcement), cached. */
  iam: IamDecisionData;
  logger: GatewayLogger;
}

/** Who calls an unsigned operation: nobody in particular, in no account (the operation finds its account from its input). */
const ANONYMOUS: Caller = { principal: { accountId: "", arn: "anonymous", userId: "anonymous", role: null }, region: "" };

/** Unexpected exceptions are logged and answered as InternalFailure, never with their details. */
function toAwsError(error: unknown, requestId: string, logger: GatewayLogger): AwsError {
  if (isAwsError(error)) return error;
  logger.error(`[${requestId}] internal failure`, error);
  return CommonErrors.internal();
}

/** A lost audit record must not fail the call it describes: it is logged instead. */
async function audit(deps: GatewayDeps, ctx: CallContext, entry: AuditEntry): Promise<void> {
  try {
    await recordAudit(deps.db, ctx, entry);
  } catch (error) {
    deps.logger.error(`[${ctx.requestId}] could not record audit event for ${entry.action}`, error);
  }
}

/** The base URL the client used, so URLs we return (queue URLs) lead back to this gateway. */
function requestEndpoint(req: GatewayRequest): string | undefined {
  const host = headerValue(req, "x-forwarded-host") ?? headerValue(req, "host");
  return host ? `${headerValue(req, "x-forwarded-proto") ?? "http"}://${host}` : undefined;
}

/** Decodes, authenticates, runs and audits one call; every failure becomes an error in the route's protocol. */
export function dispatch(deps: GatewayDeps, route: Route, req: GatewayRequest): Promise<WireResponse> {
  return run(deps, route, req, (service) => authenticate(req, service, deps));
}

/** Runs a call on behalf of a caller known already (API Gateway's AWS integrations act with their role). */
export function dispatchAs(deps: GatewayDeps, route: Route, req: GatewayRequest, caller: Caller): Promise<WireResponse> {
  return run(deps, route, req, async () => caller);
}

async function run(deps: GatewayDeps, route: Route, req: GatewayRequest, identify: (service: string) => Promise<Caller>): Promise<WireResponse> {
  const protocol = PROTOCOLS[route.protocol];
  try {
    if (!route.service) {
      // An unsigned request can't say which service it is for: tell the client it is unsigned.
      parseSignature(req);
      throw GatewayErrors.unknownOperation(
        route.requestedService ? `Stratus does not provide the '${route.requestedService}' service` : "Could not determine which service the request is for",
      );
    }
    const { operation, params } = protocol.decode(req, route.service, deps.registry);
    const { principal, region } = operation.unsigned ? ANONYMOUS : await identify(route.service.name);
    const ctx: CallContext = {
      accountId: principal.accountId,
      region,
      principal,
      requestId: req.requestId,
      sourceIp: req.sourceIp,
      source: "gateway",
      endpoint: requestEndpoint(req),
      signal: req.signal,
    };
    const authorize = (input: unknown) =>
      authorizeRequest(deps.iam, ctx, operation.service.name, () => describeRequest(operation.service.name, operation.name, input, ctx), operation.readOnly);
    const outcome = await operation.execute(ctx, params, operation.unsigned ? undefined : authorize);
    const record = async (errorCode?: string) => {
      if (operation.readOnly || operation.dataEvent || operation.unsigned) return;
      await audit(deps, ctx, { action: operation.action, resourceArn: outcome.resourceArn, success: errorCode === undefined, errorCode });
    };
    if (!outcome.ok) {
      const failure = toAwsError(outcome.error, req.requestId, deps.logger);
      await record(wireErrorCode(failure, protocol.family));
      throw failure;
    }
    await record();
    return protocol.encodeOutput(operation, outcome.output, req.requestId);
  } catch (error) {
    return protocol.encodeError(toAwsError(error, req.requestId, deps.logger), route.service, req.requestId);
  }
}
