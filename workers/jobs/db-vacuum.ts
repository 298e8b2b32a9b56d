import { z } from "zod";
import { pgPool } from "../../server/db/pool";
import { autovacuumIsOff, maintainTables } from "../../server/db/vacuum";
import { defineJob } from "../../server/outbox/job";

/**
 * Once a minute (autovacuum's own naptime), when the Postgres server runs without autovacuum, vacuums
 * and analyzes the tables past autovacuum's thresholds (see server/db/vacuum.ts). With autovacuum on
 * it does nothing. VACUUM cannot run in a transaction, hence at-least-once: vacuuming again is harmless.
 */
export const dbVacuum = defineJob({
  name: "db.vacuum",
  mode: "at-least-once",
  schema: z.object({}),
  every: { seconds: 60, payload: {} },
  async handler() {
    if (await autovacuumIsOff(pgPool())) await maintainTables(pgPool());
  },
});
