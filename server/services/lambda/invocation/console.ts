/** The console's view of invocations: a Test-tab invoke with text in and out, and the Monitor tab's metrics. */
import { z } from "zod";
import type { PrismaClient } from "../../../db/client";
import { pgPool } from "../../../db/pool";
import type { CallContext } from "../../context";
import { requireFunction } from "../store";
import { functionTarget } from "../target";
import { invoke } from "./invoke";
import { type FunctionMetricsPoint, functionMetrics } from "./records";

export const ConsoleInvokeInput = z.object({
  FunctionName: z.string().min(1),
  Qualifier: z.string().optional(),
  /** The event as JSON text. */
  Payload: z.string().default(""),
  InvocationType: z.enum(["RequestResponse", "Event", "DryRun"]).default("RequestResponse"),
  LogType: z.enum(["None", "Tail"]).default("None"),
});

export interface ConsoleInvokeOutput {
  StatusCode: number;
  FunctionError?: string;
  ExecutedVersion?: string;
  /** The response as UTF-8 text. */
  Payload: string;
  /** The decoded log tail. */
  LogResult?: string;
}

export async function invokeFromConsole(db: PrismaClient, ctx: CallContext, input: z.output<typeof ConsoleInvokeInput>): Promise<ConsoleInvokeOutput> {
  const out = await invoke(db, ctx, { ...input, Payload: Buffer.from(input.Payload, "utf8") });
  return {
    StatusCode: out.StatusCode,
    FunctionError: out.FunctionError,
    ExecutedVersion: out.ExecutedVersion,
    Payload: out.Payload.toString("utf8"),
    LogResult: out.LogResult && Buffer.from(out.LogResult, "base64").toString("utf8"),
  };
}

export const FunctionMetricsInput = z.object({ FunctionName: z.string().min(1), minutes: z.number().int().min(5).max(24 * 60).default(60) });

export async function getFunctionMetrics(db: PrismaClient, ctx: CallContext, input: z.output<typeof FunctionMetricsInput>): Promise<FunctionMetricsPoint[]> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetFunction", unqualified: true });
  const fn = await requireFunction(db, target);
  return functionMetrics(pgPool(), { accountId: target.accountId, region: target.region, functionName: fn.name }, input.minutes);
}
