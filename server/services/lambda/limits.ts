/** Lambda's quotas: AWS's fixed ones, and the account-wide ones an operator sizes for the machine. */
import { z } from "zod";

export const LIMITS = {
  /** A directly uploaded .zip (CreateFunction / UpdateFunctionCode / PublishLayerVersion ZipFile). */
  zippedCodeBytes: 52_428_800,
  /** Function code plus all its layers, extracted. */
  unzippedCodeBytes: 262_144_000,
  /** Request bodies: the base64 of a 50 MB zip plus the rest of the request. */
  createFunctionRequestBytes: 70_167_211,
  updateFunctionCodeRequestBytes: 69_905_067,
  environmentBytes: 4096,
  layersPerFunction: 5,
  tagsPerResource: 50,
  policyBytes: 20_480,
  /** How long a GetFunction / GetLayerVersion code location stays valid (AWS: 10 minutes). */
  codeLocationSeconds: 600,
} as const;

const LimitsEnv = z.object({
  /** ConcurrentExecutions: how many execution contexts the account may run at once. */
  STRATUS_LAMBDA_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).default(100),
  /** UnreservedConcurrentExecution minimum: reserved concurrency may not eat into it (AWS: 100 of 1000; default 10 %). */
  STRATUS_LAMBDA_UNRESERVED_MINIMUM: z.coerce.number().int().min(0).optional(),
  /** TotalCodeSize: all function versions and layer versions of an account and region (AWS: 75 GB). */
  STRATUS_LAMBDA_CODE_STORAGE_BYTES: z.coerce.number().int().positive().default(80_530_636_800),
});

export interface AccountLimits {
  concurrentExecutions: number;
  unreservedMinimum: number;
  totalCodeSize: number;
}

let cached: AccountLimits | undefined;

/** The account limits from the environment (read once per process). */
export function accountLimits(): AccountLimits {
  if (cached) return cached;
  const parsed = LimitsEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid Lambda limits: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const limit = parsed.data.STRATUS_LAMBDA_CONCURRENCY_LIMIT;
  const unreservedMinimum = parsed.data.STRATUS_LAMBDA_UNRESERVED_MINIMUM ?? Math.floor(limit / 10);
  if (unreservedMinimum > limit) {
    throw new Error("Invalid Lambda limits: STRATUS_LAMBDA_UNRESERVED_MINIMUM exceeds STRATUS_LAMBDA_CONCURRENCY_LIMIT");
  }
  cached = { concurrentExecutions: limit, unreservedMinimum, totalCodeSize: parsed.data.STRATUS_LAMBDA_CODE_STORAGE_BYTES };
  return cached;
}
