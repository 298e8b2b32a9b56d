import { z } from "zod";
import { defineJob } from "../../server/outbox/job";

/**
 * Deletes `done` outbox rows older than the retention, hourly. `failed` rows are kept: they are
 * the record of work that needs attention.
 */
export const outboxPrune = defineJob({
  name: "outbox.prune",
  mode: "transactional",
  schema: z.object({ retentionDays: z.number().int().positive() }),
  every: { seconds: 3600, payload: { retentionDays: 7 } },
  async handler({ retentionDays }, { tx }) {
    await tx.outboxEvent.deleteMany({
      where: { status: "done", finishedAt: { lt: new Date(Date.now() - retentionDays * 24 * 3600 * 1000) } },
    });
  },
});
