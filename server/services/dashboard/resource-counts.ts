import type { Db } from "../../db/client";
import { SERVICES } from "../catalog";
import type { CallContext } from "../context";

type Counter = (db: Db, ctx: CallContext) => Promise<number>;

/** Per-service resource counters in the caller's account and region; services register theirs as they land. */
const COUNTERS: Partial<Record<string, Counter>> = {
  sqs: (db, ctx) => db.sqsQueue.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  sns: (db, ctx) => db.snsTopic.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  lambda: (db, ctx) => db.lambdaFunction.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  logs: (db, ctx) => db.logsLogGroup.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  kinesis: (db, ctx) => db.kinesisStream.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  apigateway: (db, ctx) => db.apigwRestApi.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  cognito: (db, ctx) => db.cognitoUserPool.count({ where: { accountId: ctx.accountId, region: ctx.region } }),
  // IAM is global: its roles belong to the account in every region.
  iam: (db, ctx) => db.iamRole.count({ where: { accountId: ctx.accountId } }),
};

export async function resourceCounts(db: Db, ctx: CallContext) {
  const services = await Promise.all(
    SERVICES.map(async (s) => {
      const counter = COUNTERS[s.id];
      return { id: s.id, name: s.name, available: s.available, count: s.available && counter ? await counter(db, ctx) : null };
    }),
  );
  return { services };
}
