import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prisma } from "../../../server/db/client";
import { loadEnv } from "../../../server/env";
import { decryptSecret } from "../../../server/lib/secrets";
import { ensureBootstrap } from "../../../server/services/accounts/bootstrap";
import { authenticate, LOCKOUT_MS, MAX_FAILED_SIGN_INS, MAX_FAILURES_PER_IP, SignInLockedError } from "../../../server/services/accounts/users";
import { createTestUser, uniqueEmail } from "../../helpers/fixtures";

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one or an unknown email alike", async () => {
    const user = await createTestUser();
    const ok = await authenticate(prisma(), { email: user.email, password: user.password });
    assert.equal(ok?.id, user.userId);
    assert.equal(await authenticate(prisma(), { email: user.email, password: "wrong password" }), null);
    assert.equal(await authenticate(prisma(), { email: uniqueEmail(), password: user.password }), null);
  });

  it("locks a user out after repeated failures, even for the right password, until the lockout passes", async () => {
    const user = await createTestUser();
    const t0 = new Date();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      assert.equal(await authenticate(prisma(), { email: user.email, password: `nope-${i}` }, t0), null);
    }
    await assert.rejects(authenticate(prisma(), { email: user.email, password: user.password }, t0), SignInLockedError);
    const later = new Date(t0.getTime() + LOCKOUT_MS + 1000);
    assert.equal((await authenticate(prisma(), { email: user.email, password: user.password }, later))?.id, user.userId);
  });

  it("counts parallel guesses: no more than the allowed number are checked before the lockout", async () => {
    const user = await createTestUser();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => authenticate(prisma(), { email: user.email, password: `guess-${i}` })),
    );
    const checked = results.filter((r) => r.status === "fulfilled").length;
    assert.ok(checked <= MAX_FAILED_SIGN_INS, `${checked} guesses were checked`);
    assert.ok(results.some((r) => r.status === "rejected" && r.reason instanceof SignInLockedError));
    await assert.rejects(authenticate(prisma(), { email: user.email, password: user.password }), SignInLockedError);
  });

  it("throttles an address that keeps failing across many emails", async () => {
    const sourceIp = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    await prisma().signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_IP }, () => ({ email: uniqueEmail(), sourceIp, success: false })),
    });
    const user = await createTestUser();
    await assert.rejects(authenticate(prisma(), { email: user.email, password: user.password, sourceIp }), SignInLockedError);
    assert.equal((await authenticate(prisma(), { email: user.email, password: user.password, sourceIp: "10.255.255.254" }))?.id, user.userId);
  });
});

describe("bootstrap", () => {
  it("creates the admin, team and key once, and is idempotent", async () => {
    const accountId = String(Math.floor(1e11 + Math.random() * 8e11));
    const accessKeyId = `AKIABOOT${Math.floor(Math.random() * 1e8)}`;
    const env = loadEnv({
      ...process.env,
      STRATUS_ADMIN_EMAIL: uniqueEmail("admin"),
      STRATUS_ACCOUNT_ID: accountId,
      STRATUS_ACCESS_KEY_ID: accessKeyId,
      STRATUS_SECRET_ACCESS_KEY: "test",
    });
    const first = await ensureBootstrap(prisma(), env);
    assert.equal(first.accountId, accountId);
    assert.ok(first.generatedAdminPassword && first.generatedAdminPassword.length >= 16);
    const admin = await authenticate(prisma(), { email: first.adminEmail, password: first.generatedAdminPassword });
    assert.ok(admin);

    const second = await ensureBootstrap(prisma(), env);
    assert.equal(second.generatedAdminPassword, undefined);
    const team = await prisma().team.findUniqueOrThrow({ where: { accountId }, include: { memberships: true } });
    assert.equal(team.iamEnforcement, "permissive");
    assert.deepEqual(team.memberships.map((m) => [m.userId, m.role]), [[admin.id, "owner"]]);
    const key = await prisma().accessKey.findUniqueOrThrow({ where: { accessKeyId } });
    assert.equal(decryptSecret(key.secretEncrypted, env.STRATUS_SECRET_KEY), "test");
  });
});
