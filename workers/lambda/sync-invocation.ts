import { PoolCapacityError } from "./pool";
import type { InvocationReply, InvocationRequest } from "../../server/services/lambda/invocation/channel";
import { LambdaErrors } from "../../server/services/lambda/errors";
import { lambdaRuntime } from "./runtime";

/**
 * Runs a synchronous (RequestResponse) invocation for a waiting caller: the reply goes out as soon as
 * the function has answered, and the invocation record and log lines are written after it.
 */
export async function runSyncInvocation(request: InvocationRequest, respond: (reply: InvocationReply) => Promise<void>): Promise<void> {
  const { executor } = lambdaRuntime();
  try {
    await executor.execute(
      {
      requestId: request.requestId,
      caller: request.caller,
      region: request.region,
      functionName: request.functionName,
      qualifier: request.qualifier,
      payload: Buffer.from(request.payload, "base64"),
      clientContext: request.clientContext,
      invocationType: "RequestResponse",
      },
      {
        beforeRecord: ({ result, executedVersion }) =>
          respond({
            ok: true,
            payload: result.payload.toString("base64"),
            functionError: result.functionError,
            executedVersion,
            logResult: request.logType === "Tail" ? Buffer.from(result.logTail).toString("base64") : undefined,
          }),
      },
    );
  } catch (error) {
    // This worker has no room for another execution context: to the caller that is a throttle.
    if (error instanceof PoolCapacityError) throw LambdaErrors.tooManyRequests("ConcurrentInvocationLimitExceeded");
    throw error;
  }
}
