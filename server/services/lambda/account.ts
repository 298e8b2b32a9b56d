/** GetAccountSettings and the account-wide quotas other operations check (code storage, concurrency). */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { LambdaErrors } from "./errors";
import { accountLimits, LIMITS } from "./limits";

export interface AccountUsage {
  TotalCodeSize: number;
  FunctionCount: number;
}

/** Code of every version (including $LATEST) and layer version, as AWS counts TotalCodeSize. */
async function accountUsage(db: Db, ctx: Pick<CallContext, "accountId" | "region">): Promise<AccountUsage> {
  const [row] = await db.$queryRaw<{ code: bigint; layers: bigint; functions: bigint }[]>`
    SELECT
      (SELECT COALESCE(SUM(v.code_size), 0) FROM lambda_versions v JOIN lambda_functions f ON f.id = v.function_id
        WHERE f.account_id = ${ctx.accountId} AND f.region = ${ctx.region}) AS code,
      (SELECT COALESCE(SUM(lv.code_size), 0) FROM lambda_layer_versions lv JOIN lambda_layers l ON l.id = lv.layer_id
        WHERE l.account_id = ${ctx.accountId} AND l.region = ${ctx.region}) AS layers,
      (SELECT COUNT(*) FROM lambda_functions WHERE account_id = ${ctx.accountId} AND region = ${ctx.region}) AS functions`;
  return { TotalCodeSize: Number(row!.code) + Number(row!.layers), FunctionCount: Number(row!.functions) };
}

/** CodeStorageExceededException when `addedBytes` more code would pass the account's storage quota. */
export async function checkCodeStorage(db: Db, ctx: Pick<CallContext, "accountId" | "region">, addedBytes: number): Promise<void> {
  const { TotalCodeSize } = await accountUsage(db, ctx);
  if (TotalCodeSize + addedBytes > accountLimits().totalCodeSize) throw LambdaErrors.codeStorageExceeded();
}

/**
 * Concurrency set aside from the account's pool: each function's reserved concurrency, or for a
 * function without any, its provisioned concurrency (which AWS also takes from the unreserved pool).
 */
export async function reservedConcurrency(db: Db, ctx: Pick<CallContext, "accountId" | "region">, exceptFunctionId?: string): Promise<number> {
  const [row] = await db.$queryRaw<{ reserved: bigint }[]>`
    SELECT COALESCE(SUM(COALESCE(f.reserved_concurrency,
             (SELECT COALESCE(SUM(p.requested), 0) FROM lambda_provisioned_concurrency p WHERE p.function_id = f.id))), 0) AS reserved
      FROM lambda_functions f
     WHERE f.account_id = ${ctx.accountId} AND f.region = ${ctx.region} AND f.id::text <> ${exceptFunctionId ?? ""}`;
  return Number(row!.reserved);
}

export interface AccountSettings {
  AccountLimit: {
    TotalCodeSize: number;
    CodeSizeUnzipped: number;
    CodeSizeZipped: number;
    ConcurrentExecutions: number;
    UnreservedConcurrentExecutions: number;
  };
  AccountUsage: AccountUsage;
}

export async function getAccountSettings(db: Db, ctx: CallContext): Promise<AccountSettings> {
  const limits = accountLimits();
  const [usage, reserved] = await Promise.all([accountUsage(db, ctx), reservedConcurrency(db, ctx)]);
  return {
    AccountLimit: {
      TotalCodeSize: limits.totalCodeSize,
      CodeSizeUnzipped: LIMITS.unzippedCodeBytes,
      CodeSizeZipped: LIMITS.zippedCodeBytes,
      ConcurrentExecutions: limits.concurrentExecutions,
      UnreservedConcurrentExecutions: limits.concurrentExecutions - reserved,
    },
    AccountUsage: usage,
  };
}
