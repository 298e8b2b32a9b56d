import { consoleApi, expect, test } from "./fixtures";

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const PAGES = [
  { name: "home", path: "/", ready: /^Resources/ },
  { name: "team", path: "/team", ready: /^Members/ },
  { name: "access-keys", path: "/access-keys", ready: /^Access keys \(/ },
];

/** Screenshots for a person to review the layout at desktop and phone sizes. */
test("console pages at desktop and mobile sizes", async ({ page, context, owner }) => {
  // Some content, so tables aren't all empty states.
  await consoleApi(context).accessKeys.create.mutate();
  await consoleApi(context).team.invite.mutate({ email: `teammate-${owner.email}`, role: "developer" });

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const { name, path, ready } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: ready })).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
      await page.screenshot({ path: `test-results/screenshots/${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
    }
  }

  // On a phone the navigation hides behind the menu button.
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/nav-390x844.png" });
  await page.getByRole("button", { name: "Close navigation" }).click();
  await expect(nav).toBeHidden();
});
