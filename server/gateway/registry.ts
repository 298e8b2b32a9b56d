/**
 * The gateway's operation registry. A service declares which wire protocols it speaks; each
 * operation declares one handler and, per protocol, only how its input is decoded (and, for
 * XML, how its output is named). The same operation can thus serve awsJson and awsQuery callers.
 */
import type { z } from "zod";
import type { AwsError } from "../errors";
import { isReadOnlyOperation } from "../services/audit/record";
import type { CallContext } from "../services/context";
import { GatewayErrors } from "./errors";
import type { QueryTree } from "./protocols/queryTree";
import type { WireResponse } from "./protocols/types";
import { compileRestPath, matchRestPath, type RestPath } from "./protocols/restPath";
import type { XmlShape } from "./protocols/xml";
import type { GatewayRequest } from "./request";

export type ProtocolName = "awsJson1_0" | "awsJson1_1" | "awsCbor1_1" | "awsQuery" | "restJson1";

export interface ServiceDefinition {
  /** SigV4 signing name (the credential scope's service), e.g. `sqs`. */
  name: string;
  /** IAM action prefix used in audit records; defaults to `name`. */
  iamPrefix?: string;
  /** awsJson1_0 / awsJson1_1: `X-Amz-Target: <targetPrefix>.<Operation>`. */
  awsJson?: {
    version: "1.0" | "1.1";
    targetPrefix: string;
    /** Smithy namespace for `__type`, e.g. `com.amazonaws.sqs`; services that send the bare code (Kinesis) have none. */
    namespace?: string;
    /** Also send the query error code in `x-amzn-query-error` (services migrated from awsQuery, e.g. SQS). */
    queryCompatible?: boolean;
  };
  awsQuery?: { version: string; xmlNamespace: string };
  /** The error for input that fails an operation's schema; defaults to ValidationException (query: ValidationError). */
  validationError?(error: z.ZodError, message: string): AwsError;
}

/** awsJson: the JSON body is the input as is. */
export interface JsonBinding {
  /** The output member that is an event stream (an async iterable of `{ EventType: payload }`): the response streams it. */
  eventStream?: string;
}

export interface QueryBinding {
  /** Reshapes the nested query parameters into the operation's input (e.g. `Attribute.N.Name/Value` into a map). */
  decode?(params: QueryTree, req: GatewayRequest): unknown;
  /** Where the XML result differs from the output's JSON shape. */
  result?: XmlShape;
}

export interface RestRequest {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Readonly<Record<string, readonly string[]>>;
  body: Buffer;
}

/** A response a restJson1 binding writes itself, when the output is not a JSON document. */
export interface RestResponse {
  status: number;
  headers?: WireResponse["headers"];
  body?: WireResponse["body"];
}

export interface RestBinding<O = unknown> {
  method: string;
  /** URI template, e.g. `/2015-03-31/functions/{FunctionName}/invocations`, optionally with literal query parameters (`?List=ALL`). */
  path: string;
  /** Defaults to 200. */
  successStatus?: number;
  /** Input members read from request headers (Smithy httpHeader): member → header name, e.g. `{ LogType: "X-Amz-Log-Type" }`. */
  headers?: Record<string, string>;
  /** The input member that receives the raw request body (a Smithy blob httpPayload) instead of a parsed JSON document. */
  payload?: string;
  /** Builds the input; by default path labels, query parameters, `headers` and the JSON body (or `payload`) merged. */
  decode?(req: RestRequest): unknown;
  /** Writes the response itself (status, headers, raw body); by default the output as JSON with `successStatus`. */
  encode?(output: O): RestResponse;
  /** The largest request body this route reads when it differs from the gateway's default, and the error for a larger one. */
  bodyLimit?: { bytes: number; error(): AwsError };
}

export interface OperationProtocols<O = unknown> {
  awsJson?: JsonBinding;
  awsQuery?: QueryBinding;
  restJson1?: RestBinding<O>;
}

export interface OperationDefinition<S extends z.ZodTypeAny, O> {
  /** The registered service's `name`. */
  service: string;
  /** AWS operation name, e.g. `GetCallerIdentity`. */
  name: string;
  input: S;
  handler(ctx: CallContext, input: z.output<S>): Promise<O>;
  /** Read-only operations are not audited; defaults to AWS naming (Get*, List*, Describe*, …). */
  readOnly?: boolean;
  /** A CloudTrail data event (e.g. SQS SendMessage): not audited, as CloudTrail logs them only on request. */
  dataEvent?: boolean;
  /**
   * Called without AWS credentials (Cognito's SignUp, InitiateAuth…): not authenticated, authorised or
   * audited; the handler finds the account from its input (a client ID, a token).
   */
  unsigned?: boolean;
  /** The resource an audit record names; `output` is undefined when the call failed. */
  resourceArn?(ctx: CallContext, input: z.output<S>, output: O | undefined): string | null | undefined;
  protocols: OperationProtocols<O>;
}

export type Outcome = { ok: true; output: unknown; resourceArn?: string } | { ok: false; error: unknown; resourceArn?: string };

/** An operation as the gateway calls it, its types erased behind `execute`. */
export interface RegisteredOperation {
  service: ServiceDefinition;
  name: string;
  /** IAM-style action, e.g. `sts:GetCallerIdentity`. */
  action: string;
  readOnly: boolean;
  dataEvent: boolean;
  unsigned: boolean;
  input: z.ZodTypeAny;
  protocols: OperationProtocols;
  /**
   * Validates `params` against the input schema, lets `authorize` see the parsed input (it throws to
   * refuse the call), then runs the handler; never throws for handler errors.
   */
  execute(ctx: CallContext, params: unknown, authorize?: (input: unknown) => Promise<void>): Promise<Outcome>;
}

/**
 * An unsigned request to a public route: it authorises itself (e.g. by an HMAC token in its query).
 * Downloads have an empty body; the hosted UI's form posts and OAuth token requests carry one.
 */
export type PublicRequest = RestRequest & {
  /** The client's address (the hosted UI counts failed sign-ins by it). */
  sourceIp?: string;
};

export interface PublicRoute {
  method: string;
  /** URI template, as for restJson1 routes. */
  path: string;
  handle(req: PublicRequest): Promise<RestResponse>;
}

export interface RestMatch {
  operation: RegisteredOperation;
  binding: RestBinding;
  pathParams: Record<string, string>;
}

/** AWS's wording for input that fails its constraints. */
export function validationMessage(error: z.ZodError): string {
  const details = error.issues.map((i) => `Value at '${i.path.join(".") || "input"}' failed to satisfy constraint: ${i.message}`);
  return `${details.length} validation error${details.length === 1 ? "" : "s"} detected: ${details.join("; ")}`;
}

export class OperationRegistry {
  readonly #services = new Map<string, ServiceDefinition>();
  readonly #targets = new Map<string, ServiceDefinition>();
  readonly #operations = new Map<string, RegisteredOperation>();
  readonly #routes: { operation: RegisteredOperation; binding: RestBinding; method: string; path: RestPath }[] = [];
  readonly #publicRoutes: { route: PublicRoute; method: string; path: RestPath }[] = [];

  registerService(service: ServiceDefinition): void {
    if (this.#services.has(service.name)) throw new Error(`Service ${service.name} is already registered`);
    this.#services.set(service.name, service);
    if (service.awsJson) this.#targets.set(service.awsJson.targetPrefix, service);
  }

  register<S extends z.ZodTypeAny, O>(op: OperationDefinition<S, O>): void {
    const service = this.#services.get(op.service);
    if (!service) throw new Error(`Register service ${op.service} before its operations`);
    const key = `${op.service}:${op.name}`;
    if (this.#operations.has(key)) throw new Error(`Operation ${key} is already registered`);
    if (op.protocols.awsJson && !service.awsJson) throw new Error(`${key}: service ${op.service} does not declare awsJson`);
    if (op.protocols.awsQuery && !service.awsQuery) throw new Error(`${key}: service ${op.service} does not declare awsQuery`);

    const registered: RegisteredOperation = {
      service,
      name: op.name,
      action: `${service.iamPrefix ?? service.name}:${op.name}`,
      readOnly: op.readOnly ?? isReadOnlyOperation(op.name),
      dataEvent: op.dataEvent ?? false,
      unsigned: op.unsigned ?? false,
      input: op.input,
      protocols: op.protocols,
      async execute(ctx, params, authorize) {
        const parsed = op.input.safeParse(params);
        if (!parsed.success) {
          const message = validationMessage(parsed.error);
          return { ok: false, error: service.validationError?.(parsed.error, message) ?? GatewayErrors.validation(message) };
        }
        const input: z.output<S> = parsed.data;
        const arn = (output: O | undefined) => op.resourceArn?.(ctx, input, output) ?? undefined;
        try {
          await authorize?.(input);
          const output = await op.handler(ctx, input);
          return { ok: true, output, resourceArn: arn(output) };
        } catch (error) {
          return { ok: false, error, resourceArn: arn(undefined) };
        }
      },
    };
    this.#operations.set(key, registered);
    const rest = op.protocols.restJson1;
    if (rest) {
      this.#routes.push({ operation: registered, binding: rest, method: rest.method.toUpperCase(), path: compileRestPath(rest.path) });
      // A route that names query literals is more specific than one on the same path without them.
      this.#routes.sort((a, b) => b.path.queryLiterals.length - a.path.queryLiterals.length);
    }
  }

  service(name: string): ServiceDefinition | undefined {
    return this.#services.get(name);
  }

  serviceForTarget(targetPrefix: string): ServiceDefinition | undefined {
    return this.#targets.get(targetPrefix);
  }

  /** The service's operation, if it is registered for that protocol binding. */
  operation(service: string, name: string, binding: "awsJson" | "awsQuery"): RegisteredOperation | undefined {
    const operation = this.#operations.get(`${service}:${name}`);
    return operation?.protocols[binding] ? operation : undefined;
  }

  hasRoutes(service: string): boolean {
    return this.#routes.some((route) => route.operation.service.name === service);
  }

  /** The restJson1 route for a method, wire path and query, within one service or across all of them. */
  matchRoute(method: string, path: string, service?: string, query?: URLSearchParams): RestMatch | undefined {
    for (const route of this.#routes) {
      if (route.method !== method.toUpperCase() || (service !== undefined && route.operation.service.name !== service)) continue;
      const pathParams = matchRestPath(route.path, path, query);
      if (pathParams) return { operation: route.operation, binding: route.binding, pathParams };
    }
    return undefined;
  }

  /** Routes answered without SigV4 (e.g. presigned downloads that carry their own token). */
  registerPublicRoute(route: PublicRoute): void {
    this.#publicRoutes.push({ route, method: route.method.toUpperCase(), path: compileRestPath(route.path) });
  }

  matchPublicRoute(method: string, path: string, query: URLSearchParams): { route: PublicRoute; pathParams: Record<string, string> } | undefined {
    for (const entry of this.#publicRoutes) {
      if (entry.method !== method.toUpperCase()) continue;
      const pathParams = matchRestPath(entry.path, path, query);
      if (pathParams) return { route: entry.route, pathParams };
    }
    return undefined;
  }
}
