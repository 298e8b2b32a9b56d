import type { CallContext } from "../context";

export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

/** Who the caller is, as STS reports it; needs no permission (AWS answers it even under an explicit deny). */
export async function getCallerIdentity(ctx: CallContext): Promise<CallerIdentity> {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}
