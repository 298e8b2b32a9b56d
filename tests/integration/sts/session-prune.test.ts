import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { prisma } from "../../../server/db/client";
import { issueRoleSession } from "../../../server/services/sts/role-sessions";
import { stsSessionPrune } from "../../../workers/jobs/sts-session-prune";
import { createTestTeam } from "../../helpers/fixtures";

after(async () => {
  await prisma().$disconnect();
});

describe("sts.session-prune", () => {
  it("deletes temporary credentials expired longer than the grace period and keeps the rest", async () => {
    const team = await createTestTeam();
    const issue = (sessionName: string) =>
      issueRoleSession(prisma(), { accountId: team.accountId, roleArn: `arn:aws:iam::${team.accountId}:role/fn`, sessionName, durationSeconds: 3600 });
    const [live, justExpired, longExpired] = await Promise.all([issue("live"), issue("just-expired"), issue("long-expired")]);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600 * 1000);
    await prisma().sessionCredential.update({ where: { accessKeyId: justExpired.accessKeyId }, data: { expiresAt: hoursAgo(2) } });
    await prisma().sessionCredential.update({ where: { accessKeyId: longExpired.accessKeyId }, data: { expiresAt: hoursAgo(25) } });

    await prisma().$transaction((tx) =>
      stsSessionPrune.handler({ graceHours: 24 }, { tx, outboxId: 0n, accountId: team.accountId, region: "us-east-1", attempt: 1 }),
    );

    const left = await prisma().sessionCredential.findMany({ where: { accountId: team.accountId } });
    assert.deepEqual(
      left.map((row) => row.accessKeyId).sort(),
      [live.accessKeyId, justExpired.accessKeyId].sort(),
    );
  });
});
