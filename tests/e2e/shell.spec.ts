import { expect, formatAccountId, test } from "./fixtures";

test("the top bar: service search, region selector and team switcher", async ({ page, owner }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Console Home" })).toBeVisible();

  // Services not built yet are listed but can't be opened.
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByText("Step Functions")).toHaveAttribute("aria-disabled", "true");
  await expect(nav.getByRole("link", { name: /^Step Functions/ })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: /^API Gateway/ })).toHaveAttribute("href", "/apigateway");
  await expect(nav.getByRole("link", { name: /^SNS/ })).toHaveAttribute("href", "/sns");
  await expect(nav.getByRole("link", { name: /^SQS/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: /^Lambda/ })).toHaveAttribute("href", "/lambda");
  await expect(nav.getByRole("link", { name: /^CloudWatch Logs/ })).toHaveAttribute("href", "/logs");

  // Search filters as you type; Enter opens the best match that is available.
  const search = page.getByRole("combobox", { name: "Search services" });
  await search.fill("state machines");
  await expect(page.getByRole("option", { name: /Step Functions/ })).toHaveAttribute("aria-disabled", "true");
  await search.fill("data streams");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/kinesis$/);
  await search.fill("functions");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/lambda$/);
  await search.fill("cloudwatch");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/logs$/);
  await search.fill("audit");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/audit$/);

  // The region is kept in a cookie and survives a reload.
  await page.getByRole("button", { name: "Region us-east-1" }).click();
  await page.getByRole("button", { name: /US West \(Oregon\)/ }).click();
  await page.reload();
  await expect(page.getByRole("button", { name: "Region us-west-2" })).toBeVisible();

  // A second team, created from the switcher, becomes current; switching back shows the first again.
  await page.getByRole("button", { name: /^Team / }).click();
  await page.getByRole("link", { name: "Create team" }).click();
  await page.getByLabel("Team name").fill("Second team");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Console Home" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Team Second team \d{4}-\d{4}-\d{4}$/ })).toBeVisible();

  await page.getByRole("button", { name: /^Team Second team/ }).click();
  await page.getByRole("button", { name: new RegExp(owner.teamName) }).click();
  await expect(page.getByRole("button", { name: `Team ${owner.teamName} ${formatAccountId(owner.accountId)}` })).toBeVisible();
  await expect(page.getByText(`Account ID ${formatAccountId(owner.accountId)}`)).toBeVisible();
});
