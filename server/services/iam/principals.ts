/**
 * The identities IAM policies attach to (roles and users), addressed the same way by the
 * attachment and inline-policy operations: `{ type, name }` resolved to the stored entity.
 */
import type { Db } from "../../db/client";
import type { IamPrincipalType } from "../../db/generated/enums";
import { IamErrors } from "./errors";
import { nameKey } from "./model";

export interface EntityRef {
  type: IamPrincipalType;
  name: string;
}

export const roleRef = (name: string): EntityRef => ({ type: "role", name });
export const userRef = (name: string): EntityRef => ({ type: "user", name });

/** The stored key of an existing role or user; null when there is none. */
export async function findEntityKey(db: Db, accountId: string, ref: EntityRef): Promise<string | null> {
  const where = { accountId_nameKey: { accountId, nameKey: nameKey(ref.name) } };
  const found = ref.type === "role" ? await db.iamRole.findUnique({ where, select: { nameKey: true } }) : await db.iamUser.findUnique({ where, select: { nameKey: true } });
  return found?.nameKey ?? null;
}

/** The stored key of an existing role or user, or NoSuchEntity as IAM words it. */
export async function requireEntity(db: Db, accountId: string, ref: EntityRef): Promise<string> {
  const key = await findEntityKey(db, accountId, ref);
  if (key === null) throw ref.type === "role" ? IamErrors.roleNotFound(ref.name) : IamErrors.userNotFound(ref.name);
  return key;
}
