import { expect, formatAccountId, joinTeam, newCredentials, test } from "./fixtures";

test("invite a second user, who signs up from the link and joins", async ({ page, owner, otherContext }) => {
  const invitee = newCredentials("Invitee");
  await page.goto("/team");
  await expect(page.getByRole("table", { name: "Members" })).toContainText(owner.email);

  await page.getByLabel("Email address").fill(invitee.email);
  await page.getByLabel("Role", { exact: true }).selectOption("developer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(invitee.email);

  // The invitee, on another machine, opens the link, creates an account and accepts.
  const invitePage = await otherContext.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByRole("heading", { name: `Join ${owner.teamName}` })).toBeVisible();
  await expect(invitePage.getByText(formatAccountId(owner.accountId))).toBeVisible();
  await invitePage.getByRole("link", { name: "Create account" }).click();
  await expect(invitePage.getByLabel("Email address")).toHaveValue(invitee.email);
  await invitePage.getByLabel("Name").fill(invitee.name);
  await invitePage.getByLabel("Password", { exact: true }).fill(invitee.password);
  await invitePage.getByLabel("Confirm password").fill(invitee.password);
  await invitePage.getByRole("button", { name: "Create account" }).click();
  await invitePage.getByRole("button", { name: "Accept invitation" }).click();

  await expect(invitePage).toHaveURL(/\/team$/);
  await expect(invitePage.getByText("Your role: developer")).toBeVisible();
  const members = invitePage.getByRole("table", { name: "Members" });
  await expect(members).toContainText(owner.email);
  await expect(members).toContainText(invitee.email);
  await expect(invitePage.getByRole("button", { name: new RegExp(`^Team ${owner.teamName}`) })).toBeVisible();

  // The owner sees the new member and no pending invitation; the link can't be used twice.
  await page.reload();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(invitee.email);
  await expect(page.getByText("No pending invitations")).toBeVisible();
  await invitePage.goto(link);
  await expect(invitePage.getByText("This invitation has already been accepted.")).toBeVisible();
});

test("the owner changes a member's role and removes them", async ({ page, owner, otherContext }) => {
  const member = await joinTeam(page.context(), owner, otherContext, "viewer");

  await page.goto("/team");
  const role = page.getByLabel(`Role for ${member.email}`);
  await expect(role).toHaveValue("viewer");
  await role.selectOption("developer");
  await page.reload();
  await expect(page.getByLabel(`Role for ${member.email}`)).toHaveValue("developer");

  await page.getByRole("button", { name: `Remove ${member.email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Remove member" });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Members" })).not.toContainText(member.email);
});
