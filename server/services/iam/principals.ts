/**
 * The identities IAM policies attach to (roles and users), addressed the same way by the
 * attachment and inline-policy operations: `{ type, name }` resolved to the stored entity, or read
 * from the ARN of the role, user or role session that acts with their policies.
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

/** The role or user a principal ARN names; `sessionName` when it is a session of that role. */
export interface PrincipalArnRef extends EntityRef {
  accountId: string;
  sessionName?: string;
}

// Names are IAM's `[\w+=,.@-]`, at most 64; a path is printable ASCII between slashes, as CreateRole/CreateUser take it.
const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(role|user)\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]{1,64})$/;
const SESSION_ARN = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]+)$/;

/** `arn:aws:iam::acct:role/path/Name`, `…:user/path/Name` or `arn:aws:sts::acct:assumed-role/Name/Session`; null for any other ARN. */
export function parsePrincipalArn(arn: string): PrincipalArnRef | null {
  const session = SESSION_ARN.exec(arn);
  if (session) return { accountId: session[1]!, type: "role", name: session[2]!, sessionName: session[3]! };
  const entity = ENTITY_ARN.exec(arn);
  return entity ? { accountId: entity[1]!, type: entity[2] === "role" ? "role" : "user", name: entity[3]! } : null;
}

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
