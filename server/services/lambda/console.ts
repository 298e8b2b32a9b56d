/** Read models for the console's function list. */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { functionArn, LATEST } from "./arns";
import { lambdaDate } from "./model";

export interface FunctionSummary {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Description: string;
  MemorySize: number;
  Timeout: number;
  CodeSize: number;
  LastModified: string;
  State: string;
  ReservedConcurrentExecutions: number | null;
  /** Published versions (without $LATEST). */
  PublishedVersions: number;
  Aliases: number;
}

export async function listFunctionSummaries(db: Db, ctx: CallContext): Promise<FunctionSummary[]> {
  const functions = await db.lambdaFunction.findMany({
    where: { accountId: ctx.accountId, region: ctx.region },
    orderBy: { name: "asc" },
    include: { versions: { where: { version: LATEST } }, _count: { select: { versions: true, aliases: true } } },
  });
  return functions.flatMap((fn) =>
    fn.versions.map((latest) => ({
      FunctionName: fn.name,
      FunctionArn: functionArn(fn.region, fn.accountId, fn.name),
      Runtime: latest.runtime,
      Description: latest.description,
      MemorySize: latest.memorySize,
      Timeout: latest.timeout,
      CodeSize: latest.codeSize,
      LastModified: lambdaDate(latest.lastModified),
      State: latest.state,
      ReservedConcurrentExecutions: fn.reservedConcurrency,
      PublishedVersions: fn._count.versions - 1,
      Aliases: fn._count.aliases,
    })),
  );
}
