import { consoleApi, expect, joinTeam, test } from "./fixtures";

test("a viewer can look but cannot create access keys or invite", async ({ page, owner, otherContext }) => {
  const viewer = await joinTeam(page.context(), owner, otherContext, "viewer");
  const viewerPage = await otherContext.newPage();

  await viewerPage.goto("/access-keys");
  await expect(viewerPage.getByRole("button", { name: "Create access key" })).toBeDisabled();
  await expect(viewerPage.getByText("Viewers cannot create access keys.")).toBeVisible();

  await viewerPage.goto("/team");
  await expect(viewerPage.getByText("Your role: viewer")).toBeVisible();
  await expect(viewerPage.getByRole("table", { name: "Members" })).toContainText(owner.email);
  await expect(viewerPage.getByRole("button", { name: "Create invitation" })).toBeDisabled();
  await expect(viewerPage.getByText("Only owners and admins can invite members.")).toBeVisible();
  await expect(viewerPage.getByLabel(`Role for ${owner.email}`)).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: `Remove ${owner.email}` })).toHaveCount(0);

  // The server enforces the same rules for callers that skip the console.
  const api = consoleApi(otherContext);
  const denied = { data: { httpStatus: 403, awsCode: "AccessDenied" } };
  await expect(api.accessKeys.create.mutate()).rejects.toMatchObject(denied);
  await expect(api.team.invite.mutate({ email: `friend-of-${viewer.email}`, role: "viewer" })).rejects.toMatchObject(denied);
});

test("actions the server refuses show its reason", async ({ page, owner, otherContext }) => {
  await joinTeam(page.context(), owner, otherContext, "admin");
  const adminPage = await otherContext.newPage();

  // Admins manage members, but only an owner may change an owner's role.
  await adminPage.goto("/team");
  await adminPage.getByLabel(`Role for ${owner.email}`).selectOption("developer");
  await expect(adminPage.getByRole("main").getByRole("alert")).toContainText("Only an owner can grant, change or remove the owner role.");

  // The last owner can't leave.
  await page.goto("/team");
  await page.getByRole("button", { name: "Leave team" }).click();
  const dialog = page.getByRole("dialog", { name: "Leave team" });
  await dialog.getByRole("button", { name: "Leave team" }).click();
  await expect(dialog.getByRole("alert")).toContainText("A team must keep at least one owner");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});
