import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { MOVE_JOB, moveMessagesStep } from "../../server/services/sqs/move-tasks";

/** One step of an SQS message move task; each step enqueues the next in its own transaction. */
export const sqsMoveMessages = defineJob({
  name: MOVE_JOB,
  mode: "transactional",
  schema: z.object({ taskHandle: z.string() }),
  async handler({ taskHandle }, { tx }) {
    await moveMessagesStep(tx, taskHandle);
  },
});
