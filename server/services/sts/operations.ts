import { z } from "zod";
import { prisma } from "../../db/client";
import type { OperationRegistry } from "../../gateway/registry";
import { assumeRole } from "./assume-role";
import { getCallerIdentity } from "./identity";
import { getSessionToken } from "./session-token";
import { assumeRoleWithWebIdentity } from "./web-identity";

const SessionName = z.string().min(2).max(64).regex(/^[\w+=,.@-]*$/, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");

/**
 * STS on the gateway. The v3 SDK speaks awsQuery; the awsJson1_0 binding (query-compatible, as
 * AWS does for services moved off query) is there for clients that send X-Amz-Target.
 */
export function registerStsOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "sts",
    awsQuery: { version: "2011-06-15", xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/" },
    awsJson: { version: "1.0", targetPrefix: "AWSSecurityTokenServiceV20110615", namespace: "com.amazonaws.sts", queryCompatible: true },
  });
  const protocols = { awsQuery: {}, awsJson: {} };
  registry.register({
    service: "sts",
    name: "GetCallerIdentity",
    input: z.object({}),
    handler: (ctx) => getCallerIdentity(ctx),
    protocols,
  });
  registry.register({
    service: "sts",
    name: "AssumeRole",
    input: z.object({
      RoleArn: z.string().min(20).max(2048),
      RoleSessionName: SessionName,
      DurationSeconds: z.coerce.number().int().min(900).max(43_200).optional(),
      Policy: z.string().min(1).max(2048).optional(),
    }),
    handler: (ctx, input) => assumeRole(prisma(), ctx, input),
    protocols,
  });
  registry.register({
    service: "sts",
    name: "AssumeRoleWithWebIdentity",
    input: z.object({
      RoleArn: z.string().min(20).max(2048),
      RoleSessionName: SessionName,
      WebIdentityToken: z.string().min(4).max(20_000),
      DurationSeconds: z.coerce.number().int().min(900).max(43_200).optional(),
      Policy: z.string().min(1).max(2048).optional(),
    }),
    handler: (ctx, input) => assumeRoleWithWebIdentity(prisma(), ctx, input),
    // The token is the proof: the SDK sends it without credentials.
    unsigned: true,
    protocols,
  });
  registry.register({
    service: "sts",
    name: "GetSessionToken",
    input: z.object({ DurationSeconds: z.coerce.number().int().min(900).max(129_600).optional() }),
    handler: (ctx, input) => getSessionToken(prisma(), ctx, input),
    // The session acts as its caller, with no more rights: team viewers may ask too.
    readOnly: true,
    protocols,
  });
}
