import { z } from "zod";
import { defineJob } from "../../server/outbox/job";

/**
 * Deletes temporary credentials that expired more than a day ago, hourly. Every Lambda execution
 * context gets a role session, so they would otherwise pile up; a day's grace keeps recent ones
 * around for the "expired token" answer (ExpiredToken rather than InvalidClientTokenId).
 */
export const stsSessionPrune = defineJob({
  name: "sts.session-prune",
  mode: "transactional",
  schema: z.object({ graceHours: z.number().int().positive() }),
  every: { seconds: 3600, payload: { graceHours: 24 } },
  async handler({ graceHours }, { tx }) {
    await tx.sessionCredential.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - graceHours * 3600 * 1000) } } });
  },
});
