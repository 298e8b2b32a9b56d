import type { Db } from "../../db/client";
import type { CallContext } from "../context";

export interface AuditEntry {
  /** IAM-style action, e.g. `sqs:CreateQueue`. */
  action: string;
  resourceArn?: string | null;
  success: boolean;
  errorCode?: string | null;
}

/** Records one mutation (CloudTrail-like). Called by the tRPC and gateway adapters, never by domain code. */
export async function recordAudit(db: Db, ctx: CallContext, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      accountId: ctx.accountId,
      region: ctx.region,
      userId: ctx.principal.consoleUserId ?? null,
      userEmail: ctx.principal.email ?? null,
      accessKeyId: ctx.principal.accessKeyId ?? null,
      source: ctx.source,
      action: entry.action,
      resourceArn: entry.resourceArn ?? null,
      sourceIp: ctx.sourceIp ?? null,
      success: entry.success,
      errorCode: entry.errorCode ?? null,
      requestId: ctx.requestId,
    },
  });
}

/** Read-only operations (by AWS naming) are not audited as mutations. */
export function isReadOnlyOperation(operation: string): boolean {
  return /^(Get|List|Describe|Head|Lookup|Test|Simulate)/.test(operation);
}
