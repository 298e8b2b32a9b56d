import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { createTestTeam, createTestUser, trpcAs, uniqueEmail } from "../../helpers/fixtures";

async function rejectsWith(promise: Promise<unknown>, code: TRPCError["code"], pattern?: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof TRPCError, `expected TRPCError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

describe("sign-up and teams", () => {
  it("signs up, rejects a duplicate email, and creates a team with a 12-digit account ID", async () => {
    const email = uniqueEmail();
    const { userId } = await trpcAs(null).auth.signUp({ email, name: "Ann", password: "correct horse" });
    await rejectsWith(trpcAs(null).auth.signUp({ email, name: "Ann", password: "another one" }), "CONFLICT", /already exists/);

    const { accountId } = await trpcAs({ userId }).team.create({ name: "Ann's team" });
    assert.match(accountId, /^\d{12}$/);
    const me = await trpcAs({ userId }).me.get();
    assert.deepEqual(me.teams, [{ accountId, name: "Ann's team", role: "owner" }]);
  });

  it("rejects invalid sign-up input with field errors", async () => {
    await rejectsWith(trpcAs(null).auth.signUp({ email: "not-an-email", name: "x", password: "short" }), "BAD_REQUEST");
  });

  it("requires a session for team procedures", async () => {
    await rejectsWith(trpcAs(null).me.get(), "UNAUTHORIZED");
  });
});

describe("invitations and roles", () => {
  it("invites a member by email, who joins with the invited role through the link token", async () => {
    const owner = await createTestTeam();
    const invitee = await createTestUser("invitee");
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    const { link } = await asOwner.team.invite({ email: invitee.email, role: "developer" });
    const token = link.split("/invite/")[1]!;
    assert.match(link, /^http:\/\/localhost:3000\/invite\//);

    const described = await trpcAs(null).invitation.get({ token });
    assert.equal(described.status, "pending");
    assert.equal(described.email, invitee.email);
    assert.equal(described.accountId, owner.accountId);

    // Someone else cannot use the link.
    const stranger = await createTestUser("stranger");
    await rejectsWith(trpcAs(stranger).invitation.accept({ token }), "FORBIDDEN", /sign in with that email/);

    await trpcAs(invitee).invitation.accept({ token });
    const members = await asOwner.team.listMembers();
    assert.equal(members.find((m) => m.email === invitee.email)?.role, "developer");
    assert.equal((await trpcAs(null).invitation.get({ token })).status, "accepted");
    await rejectsWith(trpcAs(invitee).invitation.accept({ token }), "BAD_REQUEST", /accepted/);
    assert.deepEqual(await asOwner.team.listInvitations(), []);
  });

  it("lets only admins and owners invite, and only owners grant ownership", async () => {
    const dev = await createTestTeam({ role: "developer" });
    await rejectsWith(trpcAs(dev, { accountId: dev.accountId }).team.invite({ email: uniqueEmail(), role: "viewer" }), "FORBIDDEN");
    const admin = await createTestTeam({ role: "admin" });
    const asAdmin = trpcAs(admin, { accountId: admin.accountId });
    await rejectsWith(asAdmin.team.invite({ email: uniqueEmail(), role: "owner" }), "FORBIDDEN", /owner/);
    await asAdmin.team.invite({ email: uniqueEmail(), role: "developer" });
  });

  it("keeps the last owner, and lets an owner hand over before leaving", async () => {
    const owner = await createTestTeam();
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    await rejectsWith(asOwner.team.leave(), "CONFLICT", /at least one owner/);
    await rejectsWith(asOwner.team.changeRole({ userId: owner.userId, role: "admin" }), "CONFLICT");

    const other = await createTestUser("second");
    await prisma().membership.create({ data: { accountId: owner.accountId, userId: other.userId, role: "viewer" } });
    await asOwner.team.changeRole({ userId: other.userId, role: "owner" });
    await asOwner.team.leave();
    const members = await trpcAs(other, { accountId: owner.accountId }).team.listMembers();
    assert.deepEqual(members.map((m) => [m.email, m.role]), [[other.email, "owner"]]);
  });

  it("removes a member together with their access keys in that team", async () => {
    const dev = await createTestTeam({ role: "developer" });
    const ownerId = (await prisma().membership.findFirstOrThrow({ where: { accountId: dev.accountId, role: "owner" } })).userId;
    await trpcAs({ userId: ownerId }, { accountId: dev.accountId }).team.removeMember({ userId: dev.userId });
    assert.equal(await prisma().accessKey.count({ where: { accessKeyId: dev.accessKeyId } }), 0);
    await rejectsWith(trpcAs(dev, { accountId: dev.accountId }).team.get(), "NOT_FOUND");
  });

  it("revokes a pending invitation", async () => {
    const owner = await createTestTeam();
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    const { invitationId, link } = await asOwner.team.invite({ email: uniqueEmail(), role: "viewer" });
    await asOwner.team.revokeInvitation({ id: invitationId });
    assert.equal((await trpcAs(null).invitation.get({ token: link.split("/invite/")[1]! })).status, "revoked");
  });
});

describe("access keys", () => {
  it("creates keys with the AWS shapes, shows the secret once, stores it encrypted, and enforces the 2-key quota", async () => {
    const owner = await createTestTeam();
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    const created = await asOwner.accessKeys.create();
    assert.match(created.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(created.secretAccessKey.length, 40);
    const row = await prisma().accessKey.findUniqueOrThrow({ where: { accessKeyId: created.accessKeyId } });
    assert.ok(!row.secretEncrypted.includes(created.secretAccessKey));
    const listed = await asOwner.accessKeys.list();
    assert.equal(listed.length, 2);
    assert.ok(listed.every((k) => !("secretAccessKey" in k) && !("secretEncrypted" in k)));
    await rejectsWith(asOwner.accessKeys.create(), "CONFLICT", /AccessKeysPerUser/);

    await asOwner.accessKeys.update({ accessKeyId: created.accessKeyId, status: "Inactive" });
    assert.equal((await asOwner.accessKeys.list()).find((k) => k.accessKeyId === created.accessKeyId)?.status, "Inactive");
    await asOwner.accessKeys.delete({ accessKeyId: created.accessKeyId });
    await rejectsWith(asOwner.accessKeys.delete({ accessKeyId: created.accessKeyId }), "NOT_FOUND");
  });

  it("does not let a viewer create keys, and audits the denied attempt", async () => {
    const viewer = await createTestTeam({ role: "viewer" });
    await rejectsWith(trpcAs(viewer, { accountId: viewer.accountId }).accessKeys.create(), "FORBIDDEN", /viewer/);
    const events = await prisma().auditEvent.findMany({ where: { accountId: viewer.accountId, action: "iam:CreateAccessKey" } });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.success, false);
    assert.equal(events[0]!.errorCode, "AccessDenied");
  });
});

describe("team isolation through tRPC", () => {
  it("cannot read or change another team's members, keys or audit log", async () => {
    const a = await createTestTeam();
    const b = await createTestTeam();
    const bInA = trpcAs(b, { accountId: a.accountId });
    await rejectsWith(bInA.team.listMembers(), "NOT_FOUND");
    await rejectsWith(bInA.audit.list({}), "NOT_FOUND");
    await rejectsWith(bInA.accessKeys.list(), "NOT_FOUND");
    // B's own team cannot touch A's key by ID.
    const bInB = trpcAs(b, { accountId: b.accountId });
    await rejectsWith(bInB.accessKeys.delete({ accessKeyId: a.accessKeyId }), "NOT_FOUND");
    await rejectsWith(bInB.accessKeys.update({ accessKeyId: a.accessKeyId, status: "Inactive" }), "NOT_FOUND");
    await rejectsWith(bInB.team.removeMember({ userId: a.userId }), "NOT_FOUND");
    assert.equal((await prisma().accessKey.findUniqueOrThrow({ where: { accessKeyId: a.accessKeyId } })).status, "Active");
  });
});

describe("audit log", () => {
  it("records mutations with actor, source and outcome, filters them and pages newest first", async () => {
    const owner = await createTestTeam();
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    const { accessKeyId } = await asOwner.accessKeys.create();
    await asOwner.accessKeys.update({ accessKeyId, status: "Inactive" });
    await asOwner.accessKeys.delete({ accessKeyId }).catch(() => undefined);
    await asOwner.accessKeys.delete({ accessKeyId }).catch(() => undefined);

    const all = await asOwner.audit.list({ action: "AccessKey" });
    assert.deepEqual(
      all.items.map((e) => [e.action, e.success, e.errorCode]),
      [
        ["iam:DeleteAccessKey", false, "NoSuchEntity"],
        ["iam:DeleteAccessKey", true, null],
        ["iam:UpdateAccessKey", true, null],
        ["iam:CreateAccessKey", true, null],
      ],
    );
    assert.ok(all.items.every((e) => e.userEmail === owner.email && e.source === "trpc" && e.sourceIp === "127.0.0.1"));

    const failed = await asOwner.audit.list({ success: false });
    assert.equal(failed.items.length, 1);
    const page1 = await asOwner.audit.list({ limit: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const page2 = await asOwner.audit.list({ limit: 2, cursor: page1.nextCursor });
    assert.equal(page2.items[0]!.action, "iam:UpdateAccessKey");
  });
});

describe("concurrency", () => {
  it("never leaves a team without an owner when two owners leave or demote each other at once", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await createTestTeam();
      const b = await createTestUser("owner-b");
      await prisma().membership.create({ data: { accountId: a.accountId, userId: b.userId, role: "owner" } });
      const asA = trpcAs(a, { accountId: a.accountId });
      const asB = trpcAs(b, { accountId: a.accountId });
      await Promise.allSettled([asA.team.leave(), asB.team.leave()]);
      assert.equal(await prisma().membership.count({ where: { accountId: a.accountId, role: "owner" } }), 1);
      const remaining = (await prisma().membership.findFirstOrThrow({ where: { accountId: a.accountId, role: "owner" } })).userId;
      const c = await createTestUser("owner-c");
      await prisma().membership.create({ data: { accountId: a.accountId, userId: c.userId, role: "owner" } });
      await Promise.allSettled([
        trpcAs({ userId: remaining }, { accountId: a.accountId }).team.changeRole({ userId: c.userId, role: "admin" }),
        trpcAs(c, { accountId: a.accountId }).team.changeRole({ userId: remaining, role: "admin" }),
      ]);
      assert.equal(await prisma().membership.count({ where: { accountId: a.accountId, role: "owner" } }), 1);
    }
  });

  it("keeps the access-key quota under concurrent creates", async () => {
    const owner = await createTestTeam();
    const asOwner = trpcAs(owner, { accountId: owner.accountId });
    await Promise.allSettled(Array.from({ length: 5 }, () => asOwner.accessKeys.create()));
    assert.equal(await prisma().accessKey.count({ where: { accountId: owner.accountId, userId: owner.userId } }), 2);
  });

  it("does not admit an invitee whose invitation was revoked or whose inviter lost the right to invite", async () => {
    const admin = await createTestTeam({ role: "admin" });
    const invitee = await createTestUser("late");
    const { link } = await trpcAs(admin, { accountId: admin.accountId }).team.invite({ email: invitee.email, role: "admin" });
    const ownerId = (await prisma().membership.findFirstOrThrow({ where: { accountId: admin.accountId, role: "owner" } })).userId;
    await trpcAs({ userId: ownerId }, { accountId: admin.accountId }).team.removeMember({ userId: admin.userId });
    await rejectsWith(trpcAs(invitee).invitation.accept({ token: link.split("/invite/")[1]! }), "BAD_REQUEST");
    assert.equal(await prisma().membership.count({ where: { accountId: admin.accountId, userId: invitee.userId } }), 0);
  });
});
