import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { deleteExpiredLogEvents } from "../../server/services/logs/retention";

/** Bounds one run; a backlog larger than this is worked off over the following runs. */
const MAX_BATCHES_PER_RUN = 20;

/**
 * Deletes log events past their group's retention. AWS deletes them within 72 hours of expiry, so a
 * run every 10 minutes is plenty. Each batch is its own statement and transaction (deleting again is
 * harmless), hence at-least-once rather than one long transaction.
 */
export const logsRetention = defineJob({
  name: "logs.retention",
  mode: "at-least-once",
  schema: z.object({}),
  every: { seconds: 600, payload: {} },
  async handler(_payload, { db }) {
    await deleteExpiredLogEvents(db, MAX_BATCHES_PER_RUN);
  },
});
