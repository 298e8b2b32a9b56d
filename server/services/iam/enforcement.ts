/** The team's IAM enforcement mode (strict: AWS behaviour; permissive: the local-emulator convention). */
import type { Db } from "../../db/client";
import type { IamEnforcement } from "../../db/generated/enums";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { announceIamChange } from "./changes";

/** Only owners and admins change how strictly their team's permissions are enforced. */
export async function setIamEnforcement(db: Db, ctx: CallContext, mode: IamEnforcement): Promise<{ iamEnforcement: IamEnforcement }> {
  requireRole(ctx, "admin", "iam:UpdateAccountEnforcement");
  await db.team.update({ where: { accountId: ctx.accountId }, data: { iamEnforcement: mode } });
  await announceIamChange(db, ctx.accountId);
  return { iamEnforcement: mode };
}
