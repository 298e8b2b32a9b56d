import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { snsMaintenance as runSnsMaintenance } from "../../server/services/sns/maintenance";

/** SNS upkeep (see the domain function); deduplication claims last five minutes, so every ten. */
export const snsMaintenance = defineJob({
  name: "sns.maintenance",
  mode: "transactional",
  schema: z.object({}),
  every: { seconds: 600, payload: {} },
  async handler(_payload, { tx }) {
    await runSnsMaintenance(tx);
  },
});
