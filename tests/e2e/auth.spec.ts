import { consoleApi, expect, newCredentials, test } from "./fixtures";

test("sign up, create the first team, sign out", async ({ page }) => {
  const user = newCredentials("Newcomer");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();

  // A user without a team is asked to create one before anything else.
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "Create your first team" })).toBeVisible();
  await page.getByLabel("Team name").fill("Platform");
  await page.getByLabel("Team name").press("Enter");

  await expect(page.getByRole("heading", { name: "Console Home" })).toBeVisible();
  const teamSwitcher = page.getByRole("button", { name: /^Team Platform \d{4}-\d{4}-\d{4}$/ });
  await expect(teamSwitcher).toBeVisible();
  await expect(page.getByRole("list", { name: "Resource counts" })).toContainText("Not available yet");

  await page.getByRole("button", { name: /^User menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/team");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign in, after a wrong password shows an error", async ({ page, context }) => {
  const user = newCredentials("Returning");
  await consoleApi(context).auth.signUp.mutate(user);

  await page.goto("/signin");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email address or password.");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Create your first team" })).toBeVisible();
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  for (const path of ["/", "/team", "/access-keys", "/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
  }
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
