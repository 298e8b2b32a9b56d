import type { Db } from "../db/client";
import type { Principal } from "../services/context";
import { recordAccessKeyUse, type CredentialResolver } from "../services/iam/credentials";
import { GatewayErrors } from "./errors";
import type { GatewayLogger } from "./logger";
import type { GatewayRequest } from "./request";
import { checkSignatureTiming, parseSignature, payloadHash, verifySignature } from "./sigv4";
import { REGION_CODE } from "../lib/regions";

export interface Caller {
  principal: Principal;
  /** The region the request was signed for. */
  region: string;
}

export interface AuthenticationDeps {
  db: Db;
  resolveCredential: CredentialResolver;
  logger: GatewayLogger;
}

/** Verifies the request's SigV4 signature for `service` and says who signed it. */
export async function authenticate(req: GatewayRequest, service: string, deps: AuthenticationDeps, now = new Date()): Promise<Caller> {
  const parts = parseSignature(req);
  if (parts.scope.service !== service) {
    throw GatewayErrors.signatureDoesNotMatch(`Credential should be scoped to correct service: '${service}'.`);
  }
  // The region becomes part of every stored row and ARN: only AWS-shaped region codes.
  if (!REGION_CODE.test(parts.scope.region)) {
    throw GatewayErrors.signatureDoesNotMatch(`Credential should be scoped to a valid region, not '${parts.scope.region}'.`);
  }
  checkSignatureTiming(parts, now);
  const credential = await deps.resolveCredential(deps.db, parts.scope.accessKeyId, parts.securityToken);
  if (!credential) throw GatewayErrors.invalidClientTokenId();
  verifySignature(req, parts, credential.secretAccessKey, payloadHash(req, parts, req.body));
  if (credential.kind === "access-key") {
    await recordAccessKeyUse(deps.db, parts.scope.accessKeyId, now).catch((error: unknown) =>
      deps.logger.error(`[${req.requestId}] could not record use of access key ${parts.scope.accessKeyId}`, error),
    );
  }
  return { principal: credential.principal, region: parts.scope.region };
}
