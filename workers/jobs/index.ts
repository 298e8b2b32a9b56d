import type { AnyJobDefinition } from "../../server/outbox/job";
import { dbVacuum } from "./db-vacuum";
import { kinesisMaintenance } from "./kinesis-maintenance";
import { lambdaInvokeAsync } from "./lambda-invoke-async";
import { logsRetention } from "./logs-retention";
import { outboxPrune } from "./outbox-prune";
import { snsDeliver, snsDeliverHttp } from "./sns-deliver";
import { snsMaintenance } from "./sns-maintenance";
import { sqsMaintenance } from "./sqs-maintenance";
import { sqsMoveMessages } from "./sqs-move-messages";
import { stsSessionPrune } from "./sts-session-prune";

/** Every job the workers process runs. Add new jobs here; `enqueueOutbox` is typed from this list. */
export const jobs = [outboxPrune, sqsMaintenance, sqsMoveMessages, logsRetention, lambdaInvokeAsync, stsSessionPrune, snsDeliver, snsDeliverHttp, snsMaintenance, kinesisMaintenance, dbVacuum] as const satisfies readonly AnyJobDefinition[];

export type RegisteredJob = (typeof jobs)[number];
