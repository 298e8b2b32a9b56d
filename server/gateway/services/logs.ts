/** CloudWatch Logs on the gateway: AWS JSON 1.1 (`X-Amz-Target: Logs_20140328.*`), signing name `logs`. */
import type { z } from "zod";
import { prisma } from "../../db/client";
import { LogsErrors } from "../../services/logs/errors";
import { LOGS_DATA_EVENTS, LOGS_READ_OPERATIONS, type LogsOperation, type LogsOperationName, logsOperations } from "../../services/logs/operations";
import type { OperationRegistry } from "../registry";

export function registerLogsOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "logs",
    awsJson: { version: "1.1", targetPrefix: "Logs_20140328", namespace: "com.amazonaws.cloudwatchlogs" },
    validationError: (error, message) => {
      // The service reports a missing member as a null value and any malformed input as InvalidParameterException.
      const missing = error.issues.find((i) => i.code === "invalid_type" && i.received === "undefined");
      if (missing) {
        return LogsErrors.invalidParameter(`1 validation error detected: Value null at '${missing.path.join(".")}' failed to satisfy constraint: Member must not be null`);
      }
      return LogsErrors.invalidParameter(message);
    },
  });
  for (const name of Object.keys(logsOperations) as LogsOperationName[]) registerOperation(registry, name, logsOperations[name]);
}

function registerOperation(registry: OperationRegistry, name: LogsOperationName, operation: LogsOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "logs",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    readOnly: LOGS_READ_OPERATIONS.has(name) ? true : undefined,
    dataEvent: LOGS_DATA_EVENTS.has(name),
    protocols: { awsJson: {} },
  });
}
