import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const allow = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });

/** A row of the table named `table`, found by text in it. */
function row(scope: Page | Locator, table: string, text: string | RegExp): Locator {
  return scope.getByRole("table", { name: table }).getByRole("row").filter({ hasText: text });
}

test("role: Lambda trust policy, a managed and an inline policy, the simulator, and delete refused", async ({ page, owner: _owner }) => {
  await page.goto("/iam/roles");
  await expect(page.getByText("No roles", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create role", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create role" })).toBeVisible();

  // The trusted entity picker writes the trust policy; Lambda is the first service.
  const trustPolicy = page.getByRole("textbox", { name: "Trust policy" });
  await expect(trustPolicy).toContainText('"Service": "lambda.amazonaws.com"');
  await page.getByLabel("Service", { exact: true }).selectOption("apigateway.amazonaws.com");
  await expect(trustPolicy).toContainText('"Service": "apigateway.amazonaws.com"');

  // IAM's verdict on a bad trust policy shows under the editor.
  await page.getByLabel("Role name").fill("orders-fn-role");
  await trustPolicy.fill(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }));
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByText("Missing required field Principal")).toBeVisible();

  await page.getByLabel("Service", { exact: true }).selectOption("lambda.amazonaws.com");
  await expect(trustPolicy).toContainText('"Service": "lambda.amazonaws.com"');
  await page.getByLabel("Description - optional").fill("Runs the orders function");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("heading", { name: "orders-fn-role", exact: true })).toBeVisible();
  await expect(page.getByText("Role orders-fn-role created.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy ARN" })).toBeVisible();

  await page.getByRole("tab", { name: "Trust relationships" }).click();
  await expect(page.getByRole("group", { name: "Trust policy (JSON)" })).toContainText("lambda.amazonaws.com");
  await page.getByRole("tab", { name: "Permissions" }).click();

  // Attach an AWS managed policy from the searchable list.
  await expect(page.getByText("No managed policies")).toBeVisible();
  await page.getByRole("button", { name: "Attach policies" }).click();
  const attach = page.getByRole("dialog", { name: "Attach policies to orders-fn-role" });
  await attach.getByRole("searchbox", { name: "Search policies" }).fill("LambdaBasic");
  await attach.getByRole("checkbox", { name: "Select AWSLambdaBasicExecutionRole" }).check();
  await attach.getByRole("button", { name: "Add permissions" }).click();
  await expect(attach).toBeHidden();
  await expect(row(page, "Managed policies", "AWSLambdaBasicExecutionRole")).toContainText("AWS managed");

  // An inline policy that allows sqs:SendMessage.
  await page.getByRole("button", { name: "Create inline policy" }).click();
  const inline = page.getByRole("dialog", { name: "Create inline policy" });
  await inline.getByLabel("Policy name").fill("send-orders");
  await inline.getByRole("textbox", { name: "Policy document" }).fill(allow("sqs:SendMessage"));
  await inline.getByRole("button", { name: "Create policy" }).click();
  await expect(inline).toBeHidden();
  await expect(row(page, "Inline policies", "send-orders")).toBeVisible();

  // Both are stored, not just shown.
  await page.reload();
  await expect(row(page, "Managed policies", "AWSLambdaBasicExecutionRole")).toBeVisible();
  await expect(row(page, "Inline policies", "send-orders")).toBeVisible();

  // The simulator: the inline policy allows SendMessage; nothing allows DeleteQueue.
  await page.getByRole("link", { name: "IAM", exact: true }).click();
  await page.getByRole("navigation", { name: "IAM" }).getByRole("link", { name: "Policy simulator" }).click();
  await expect(page.getByRole("heading", { name: "Policy simulator" })).toBeVisible();
  await page.getByLabel("Principal").selectOption({ label: "orders-fn-role" });
  await page.getByLabel("Actions").fill("sqs:SendMessage\nsqs:DeleteQueue");
  await page.getByRole("button", { name: "Run simulation" }).click();
  const sendMessage = row(page, "Simulation results", "sqs:SendMessage");
  await expect(sendMessage).toContainText("Allowed");
  await expect(sendMessage).toContainText("send-orders");
  await expect(row(page, "Simulation results", "sqs:DeleteQueue")).toContainText("Denied (implicit deny)");

  // IAM refuses to delete a role with policies, and says why.
  await page.getByRole("navigation", { name: "IAM" }).getByRole("link", { name: "Roles" }).click();
  await page.getByRole("radio", { name: "Select orders-fn-role" }).check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete role" });
  await confirm.getByLabel("To confirm, type “orders-fn-role” in the field.").fill("orders-fn-role");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm.getByRole("alert")).toContainText("must detach all policies first");
});

test("customer managed policy: create, add a version, make it the default", async ({ page, owner: _owner }) => {
  await page.goto("/iam/policies");
  await page.getByLabel("Filter by type").selectOption("Local");
  await expect(page.getByText("No policies", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create policy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create policy" })).toBeVisible();

  await page.getByRole("textbox", { name: "Policy document" }).fill(allow("sqs:SendMessage"));
  await page.getByLabel("Policy name").fill("queue-writer");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByRole("heading", { name: "queue-writer", exact: true })).toBeVisible();
  await expect(page.getByText("Policy queue-writer created.")).toBeVisible();
  await expect(page.getByRole("group", { name: "Policy document (v1)" })).toContainText("sqs:SendMessage");

  // A second version, kept aside at first.
  await page.getByRole("tab", { name: "Policy versions" }).click();
  await page.getByRole("button", { name: "Create version" }).click();
  const create = page.getByRole("dialog", { name: "Create policy version" });
  await create.getByRole("textbox", { name: "Policy document" }).fill(allow("sqs:ReceiveMessage"));
  await create.getByRole("checkbox", { name: /Set as default/ }).uncheck();
  await create.getByRole("button", { name: "Create version" }).click();
  await expect(create).toBeHidden();
  await expect(row(page, "Policy versions", "v1")).toContainText("v1 (Default)");
  await expect(row(page, "Policy versions", "v2")).not.toContainText("Default");

  // Making v2 the default puts its document in force.
  await page.getByRole("button", { name: "Set v2 as default" }).click();
  await expect(row(page, "Policy versions", "v2")).toContainText("v2 (Default)");
  await expect(page.getByRole("definition").filter({ hasText: /^v2$/ })).toBeVisible();
  await page.getByRole("tab", { name: "Permissions" }).click();
  await expect(page.getByRole("group", { name: "Policy document (v2)" })).toContainText("sqs:ReceiveMessage");

  // The old version can go now that it is not the default.
  await page.getByRole("tab", { name: "Policy versions" }).click();
  await page.getByRole("button", { name: "Delete v1" }).click();
  await page.getByRole("dialog", { name: "Delete policy version" }).getByRole("button", { name: "Delete" }).click();
  await expect(row(page, "Policy versions", "v1")).toHaveCount(0);

  await page.getByRole("link", { name: "Policies", exact: true }).click();
  await page.getByLabel("Filter by type").selectOption("Local");
  await expect(row(page, "Policies", "queue-writer")).toContainText("Customer managed");
});

test("IAM enforcement: an owner switches strict to permissive and back", async ({ page, owner: _owner }) => {
  await page.goto("/iam");
  await expect(page.getByRole("heading", { name: "IAM dashboard" })).toBeVisible();
  const strict = page.getByRole("switch", { name: "Strict enforcement" });
  await expect(strict).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: /^Strict$/ })).toBeVisible();

  await strict.click();
  await expect(strict).not.toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: /^Permissive$/ })).toBeVisible();
  await page.reload();
  await expect(strict).not.toBeChecked();

  await strict.click();
  await expect(strict).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: /^Strict$/ })).toBeVisible();
});
