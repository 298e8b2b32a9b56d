import { PoolCapacityError } from "./pool";
import type { InvocationReply, InvocationRequest } from "../../server/services/lambda/invocation/channel";
import { LambdaErrors } from "../../server/services/lambda/errors";
import { lambdaRuntime } from "./runtime";

/** Runs a synchronous (RequestResponse) invocation for a waiting caller and shapes its reply. */
export async function runSyncInvocation(request: InvocationRequest): Promise<InvocationReply> {
  const { executor } = lambdaRuntime();
  try {
    const { result, executedVersion } = await executor.execute({
      requestId: request.requestId,
      caller: request.caller,
      region: request.region,
      functionName: request.functionName,
      qualifier: request.qualifier,
      payload: Buffer.from(request.payload, "base64"),
      clientContext: request.clientContext,
      invocationType: "RequestResponse",
    });
    return {
      ok: true,
      payload: result.payload.toString("base64"),
      functionError: result.functionError,
      executedVersion,
      logResult: request.logType === "Tail" ? Buffer.from(result.logTail).toString("base64") : undefined,
    };
  } catch (error) {
    // This worker has no room for another execution context: to the caller that is a throttle.
    if (error instanceof PoolCapacityError) throw LambdaErrors.tooManyRequests("ConcurrentInvocationLimitExceeded");
    throw error;
  }
}
