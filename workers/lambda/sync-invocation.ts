import { PoolCapacityError } from "./pool";
import type { InvocationReply, InvocationRequest } from "../../server/services/lambda/invocation/channel";
import { LambdaErrors } from "../../server/services/lambda/errors";
import { lambdaRuntime } from "./runtime";
import type { EarlyResponse } from "./types";

/**
 * Runs a synchronous (RequestResponse) invocation for a waiting caller: the reply goes out as soon as
 * the function has posted its answer (with LogType Tail, once the invocation's log is complete), and the
 * invocation record and log lines are written after it.
 */
export async function runSyncInvocation(request: InvocationRequest, respond: (reply: InvocationReply) => Promise<void>): Promise<void> {
  const { executor } = lambdaRuntime();
  let answered: Promise<void> | undefined;
  const answerEarly = (response: EarlyResponse, executedVersion: string) => {
    answered = respond({ ok: true, payload: response.payload.toString("base64"), functionError: response.functionError, executedVersion });
    answered.catch(() => undefined); // awaited with the record (a failure to publish surfaces there)
  };
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
        // The log tail is only complete at the end: a Tail caller waits for it.
        onResponse: request.logType === "Tail" ? undefined : answerEarly,
        beforeRecord: ({ result, executedVersion }) =>
          answered ??
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
