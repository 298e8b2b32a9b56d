import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { encryptSecret } from "../../lib/secrets";
import { createTeam } from "./teams";
import { hashPassword } from "./passwords";

export const DEFAULT_ADMIN_EMAIL = "admin@stratus.local";

export interface BootstrapResult {
  accountId: string;
  adminEmail: string;
  /** Set only when this run created the admin with a generated password: print it once. */
  generatedAdminPassword?: string;
  accessKeyId?: string;
}

/**
 * Idempotently creates the first admin, the bootstrap team (STRATUS_ACCOUNT_ID) and, when given,
 * the bootstrap access key, so that scripts using `test`/`test` work against a fresh Stratus.
 * Existing rows are left as they are, except that a given key's secret is brought in line with the env.
 */
export async function ensureBootstrap(db: Db, env: Env): Promise<BootstrapResult> {
  const adminEmail = (env.STRATUS_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  let admin = await db.user.findUnique({ where: { email: adminEmail }, select: { id: true } });
  let generatedAdminPassword: string | undefined;
  if (!admin) {
    const password = env.STRATUS_ADMIN_PASSWORD ?? (generatedAdminPassword = randomBytes(12).toString("base64url"));
    admin = await db.user.create({
      data: { email: adminEmail, name: "Administrator", passwordHash: await hashPassword(password) },
      select: { id: true },
    });
  }

  const accountId = env.STRATUS_ACCOUNT_ID;
  const team = await db.team.findUnique({ where: { accountId }, select: { accountId: true } });
  if (!team) {
    await createTeam(db, admin.id, "Default team", accountId);
    // By default the bootstrap account follows the local-emulator convention until someone tightens it in the console.
    await db.team.update({ where: { accountId }, data: { iamEnforcement: env.STRATUS_IAM_ENFORCEMENT } });
  } else {
    await db.membership.upsert({
      where: { accountId_userId: { accountId, userId: admin.id } },
      create: { accountId, userId: admin.id, role: "owner" },
      update: {},
    });
  }

  let accessKeyId: string | undefined;
  if (env.STRATUS_ACCESS_KEY_ID && env.STRATUS_SECRET_ACCESS_KEY) {
    accessKeyId = env.STRATUS_ACCESS_KEY_ID;
    const secretEncrypted = encryptSecret(env.STRATUS_SECRET_ACCESS_KEY, env.STRATUS_SECRET_KEY);
    await db.accessKey.upsert({
      where: { accessKeyId },
      create: { accessKeyId, accountId, userId: admin.id, secretEncrypted },
      update: { secretEncrypted },
    });
  }
  return { accountId, adminEmail, generatedAdminPassword, accessKeyId };
}
