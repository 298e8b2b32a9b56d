import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { callerSchema } from "../../server/services/lambda/invocation/channel";
import { ASYNC_INVOKE_JOB } from "../../server/services/lambda/invocation/invoke";
import { runAsyncInvocation } from "../lambda/async-invocation";

/** One try of an asynchronous invocation (InvocationType Event); retries are new rows with a delay. */
export const lambdaInvokeAsync = defineJob({
  name: ASYNC_INVOKE_JOB,
  // Function code is an external effect: a worker dying mid-invocation means it runs again, as on AWS.
  mode: "at-least-once",
  schema: z.object({
    requestId: z.string(),
    caller: callerSchema,
    functionName: z.string(),
    qualifier: z.string().optional(),
    payload: z.string(),
    clientContext: z.string().optional(),
    enqueuedAt: z.number(),
    attempt: z.number().int().positive(),
    /** Times this try was throttled (its wait grows with each). */
    throttles: z.number().int().nonnegative().optional(),
  }),
  async handler(event, { db, region }) {
    await runAsyncInvocation(db, region, event);
  },
});
