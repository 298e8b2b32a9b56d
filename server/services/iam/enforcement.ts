/** The team's IAM enforcement mode (strict: AWS behaviour; permissive: the local-emulator convention). */
import type { Db } from "../../db/client";
import type { IamEnforcement } from "../../db/generated/enums";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { announceIamChange } from "./changes";

/** A team's mode; strict for an account that is no team (as for any team made in the console). */
export async function teamEnforcement(db: Db, accountId: string): Promise<IamEnforcement> {
  return (await db.team.findUnique({ where: { accountId }, select: { iamEnforcement: true } }))?.iamEnforcement ?? "strict";
}

/** Only owners and admins change how strictly their team's permissions are enforced. */
export async function setIamEnforcement(db: Db, ctx: CallContext, mode: IamEnforcement): Promise<{ iamEnforcement: IamEnforcement }> {
  requireRole(ctx, "admin", "iam:UpdateAccountEnforcement");
  await db.team.update({ where: { accountId: ctx.accountId }, data: { iamEnforcement: mode } });
  await announceIamChange(db, ctx.accountId);
  return { iamEnforcement: mode };
}
