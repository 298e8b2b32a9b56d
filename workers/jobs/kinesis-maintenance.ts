import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { kinesisMaintenance as runKinesisMaintenance } from "../../server/services/kinesis/maintenance";

/** Bounds one run; a backlog larger than this is worked off over the following runs. */
const MAX_BATCHES_PER_RUN = 20;

/**
 * Kinesis upkeep (see the domain function): deletes records past their stream's retention and closed
 * shards past it. Reads already hide expired records, so every five minutes is plenty. Each batch is
 * its own statement (deleting again is harmless), hence at-least-once rather than one long transaction.
 */
export const kinesisMaintenance = defineJob({
  name: "kinesis.maintenance",
  mode: "at-least-once",
  schema: z.object({}),
  every: { seconds: 300, payload: {} },
  async handler(_payload, { db }) {
    await runKinesisMaintenance(db, MAX_BATCHES_PER_RUN);
  },
});
