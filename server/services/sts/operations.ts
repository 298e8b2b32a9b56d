import { z } from "zod";
import type { OperationRegistry } from "../../gateway/registry";
import { getCallerIdentity } from "./identity";

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
  registry.register({
    service: "sts",
    name: "GetCallerIdentity",
    input: z.object({}),
    handler: (ctx) => getCallerIdentity(ctx),
    protocols: { awsQuery: {}, awsJson: {} },
  });
}
