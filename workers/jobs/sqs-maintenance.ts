import { z } from "zod";
import { defineJob } from "../../server/outbox/job";
import { sqsMaintenance as runSqsMaintenance } from "../../server/services/sqs/maintenance";

/** SQS upkeep (retention, expired dedup records, per-minute age samples), so once a minute. */
export const sqsMaintenance = defineJob({
  name: "sqs.maintenance",
  mode: "transactional",
  schema: z.object({}),
  every: { seconds: 60, payload: {} },
  async handler(_payload, { tx }) {
    await runSqsMaintenance(tx);
  },
});
