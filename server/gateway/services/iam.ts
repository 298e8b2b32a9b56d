/** IAM on the gateway: the query protocol (form-encoded `Action=…`, XML out) every IAM SDK speaks. */
import type { z } from "zod";
import { prisma } from "../../db/client";
import { iamOperations, type IamOperationName } from "../../services/iam/operations";
import type { ServiceOperation } from "../../services/operation";
import type { OperationRegistry } from "../registry";

export function registerIamOperations(registry: OperationRegistry): void {
  registry.registerService({ name: "iam", awsQuery: { version: "2010-05-08", xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/" } });
  for (const name of Object.keys(iamOperations) as IamOperationName[]) registerOperation(registry, name, iamOperations[name]);
}

function registerOperation(registry: OperationRegistry, name: IamOperationName, operation: ServiceOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "iam",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    protocols: { awsQuery: {} },
  });
}
