import { consoleApi, createTeamUser, expect, formatAccountId, selectTeam, test } from "./fixtures";

test("a user cannot see another team's members, keys or audit log", async ({ page, owner, otherContext }) => {
  const outsider = await createTeamUser(otherContext, "Outsider");

  // Pointing the console at someone else's account yields an error page, not their data.
  await selectTeam(otherContext, owner.accountId);
  const outsiderPage = await otherContext.newPage();
  for (const path of ["/team", "/access-keys", "/audit"]) {
    await outsiderPage.goto(path);
    await expect(outsiderPage.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(outsiderPage.getByRole("main").getByRole("alert")).toContainText(`You don't have access to account ${formatAccountId(owner.accountId)}`);
    await expect(outsiderPage.getByText(owner.email)).toHaveCount(0);
  }

  // The API refuses too, whatever the console shows.
  const api = consoleApi(otherContext);
  const notFound = { data: { httpStatus: 404 } };
  await expect(api.team.listMembers.query()).rejects.toMatchObject(notFound);
  await expect(api.accessKeys.list.query()).rejects.toMatchObject(notFound);
  await expect(api.audit.list.query({})).rejects.toMatchObject(notFound);
  await expect(api.team.invite.mutate({ email: "intruder@example.test", role: "owner" })).rejects.toMatchObject(notFound);

  // Switching back to their own team from the error page works.
  await outsiderPage.getByRole("button", { name: `Switch to ${outsider.teamName} (${formatAccountId(outsider.accountId)})` }).click();
  await expect(outsiderPage.getByRole("table", { name: "Events" })).toBeVisible();
  await expect(outsiderPage.getByText(owner.email)).toHaveCount(0);

  // And the owner's team still lists only its owner.
  await page.goto("/team");
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row")).toHaveCount(2);
  await expect(members).not.toContainText(outsider.email);
});
