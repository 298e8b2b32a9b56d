import type { BrowserContext, Page } from "@playwright/test";
import { consoleApi, expect, joinTeam, lambdaRole, test } from "./fixtures";

/** CreateFunction over tRPC with Node.js code given as its index.mjs. */
async function createNodeFunction(context: BrowserContext, accountId: string, name: string, code: string, extra: { Description?: string; Tags?: Record<string, string> } = {}) {
  await consoleApi(context).lambda.createFunction.mutate({
    FunctionName: name,
    Runtime: "nodejs20.x",
    Handler: "index.handler",
    Role: await lambdaRole(context, accountId),
    Code: { InlineFiles: [{ path: "index.mjs", content: code }] },
    ...extra,
  });
}

/** Creates a function from one of the "Hello world" blueprints and lands on its page. */
async function createFromBlueprint(page: Page, name: string, blueprint: "Node.js" | "Python"): Promise<void> {
  await page.goto("/lambda/create");
  await expect(page.getByRole("heading", { name: "Create function" })).toBeVisible();
  await page.getByRole("radio", { name: /^Use a blueprint/ }).check();
  await page.getByRole("radio", { name: new RegExp(`^Hello world \\(${blueprint.replace(".", "\\.")}\\)`) }).check();
  await page.getByLabel("Function name").fill(name);
  await page.getByRole("button", { name: "Create function" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByText(`Successfully created the function ${name}.`)).toBeVisible();
}

/** The Test tab: runs the event in the editor and waits for the result panel. */
async function runTest(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(/^Executing function: (succeeded|failed)$/)).toBeVisible({ timeout: 30_000 });
}

/** Replaces the text of a CodeMirror editor by typing, as a person would. */
async function typeInEditor(page: Page, label: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

test("Node.js function from the blueprint: edit, deploy, test with a saved event, read its logs", async ({ page, owner: _owner }) => {
  test.setTimeout(120_000);
  await page.goto("/lambda");
  await expect(page.getByText("No functions", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create function", exact: true }).click();
  await expect(page).toHaveURL(/\/lambda\/create$/);

  // Client-side checks before anything is sent.
  await page.getByRole("button", { name: "Create function" }).click();
  await expect(page.getByText("Enter a function name.")).toBeVisible();
  await expect(page.getByLabel("Function name")).toBeFocused();

  await createFromBlueprint(page, "greeter", "Node.js");
  await expect(page.getByRole("main")).toContainText("Node.js 20.x (nodejs20.x)");

  // Code: the blueprint's file is open; edit it in the editor and deploy.
  const code = page.getByRole("textbox", { name: "Code of index.mjs" });
  await expect(code).toContainText("Echo back the first key value");
  await typeInEditor(
    page,
    "Code of index.mjs",
    ["export const handler = async (event) => {", "console.log('greeting', event.key1);", "return { greeting: 'hello ' + event.key1 };", "};"].join("\n"),
  );
  await expect(page.getByText("Changes not deployed")).toBeVisible();
  // Undeployed edits survive a look at another tab; the address names the open tab.
  await page.getByRole("tab", { name: "Configuration" }).click();
  await expect(page).toHaveURL(/\/lambda\/functions\/greeter\?tab=configuration$/);
  await page.getByRole("tab", { name: "Code" }).click();
  await expect(page).toHaveURL(/\/lambda\/functions\/greeter$/);
  await expect(page.getByText("Changes not deployed")).toBeVisible();
  await expect(code).toContainText("return { greeting: 'hello ' + event.key1 };");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Successfully updated the function greeter.")).toBeVisible();
  await expect(page.getByText("Changes not deployed")).toBeHidden();
  await expect(page.getByRole("button", { name: "Deploy" })).toBeDisabled();
  await expect(code).toContainText("return { greeting: 'hello ' + event.key1 };");

  // Test: save an event, then run it.
  await page.getByRole("tab", { name: "Test" }).click();
  await page.getByLabel("Event name").fill("bad name!");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter an event name: up to 25 letters")).toBeVisible();
  await page.getByLabel("Event name").fill("greet-alice");
  await typeInEditor(page, "Event JSON", '{"key1": "alice"');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/^The event must be valid JSON/)).toBeVisible();
  await typeInEditor(page, "Event JSON", '{"key1": "alice", "key2": "b"}');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The test event greet-alice was saved.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Edit saved event/ })).toBeChecked();
  await expect(page.getByLabel("Event name")).toHaveValue("greet-alice");

  await runTest(page);
  await expect(page.getByText("Executing function: succeeded")).toBeVisible();
  const result = page.getByRole("region", { name: "Execution result" });
  await expect(result.getByRole("group", { name: "Response" })).toContainText('"greeting": "hello alice"');
  await expect(result.getByLabel("Summary")).toContainText(/Request ID\s*[0-9a-f-]{36}/);
  await expect(result.getByLabel("Summary")).toContainText(/Resources configured\s*128 MB/);
  await expect(result.getByLabel("Summary")).toContainText(/Executed version\s*\$LATEST/);
  const log = result.getByRole("group", { name: "Log output" });
  await expect(log).toContainText("greeting alice");
  await expect(log).toContainText(/REPORT RequestId: [0-9a-f-]{36}\s+Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 128 MB/);
  const requestId = (await result.getByLabel("Summary").locator(".kv", { hasText: "Request ID" }).locator("dd").textContent())?.trim() ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // The result is still there after a look at another tab.
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("tab", { name: "Test" }).click();
  await expect(result.getByRole("group", { name: "Response" })).toContainText('"greeting": "hello alice"');

  // A reload opens the Test tab again; the saved event is still there (it lives in this browser).
  await expect(page).toHaveURL(/\?tab=test$/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Test" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("radio", { name: /^Edit saved event/ }).check();
  await expect(page.getByLabel("Event name")).toHaveValue("greet-alice");
  await expect(page.getByRole("textbox", { name: "Event JSON" })).toContainText('"key1": "alice"');

  // Monitor: the invocation's log stream, and in it the START, END and REPORT lines.
  await page.getByRole("tab", { name: "Monitor" }).click();
  await expect(page.getByRole("img", { name: /^Invocations/ })).toBeVisible();
  const streams = page.getByRole("region", { name: "Recent log streams" }).getByRole("table", { name: "Log streams" });
  await streams.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/logs\/log-stream\?/);
  const events = page.getByRole("table", { name: "Log events" });
  await expect(events.getByRole("row", { name: new RegExp(`START RequestId: ${requestId} Version: \\$LATEST`) })).toBeVisible();
  await expect(events.getByRole("row", { name: /greeting\s+alice/ })).toBeVisible();
  await expect(events.getByRole("row", { name: new RegExp(`END RequestId: ${requestId}`) })).toBeVisible();
  await expect(events.getByRole("row", { name: new RegExp(`REPORT RequestId: ${requestId}`) })).toBeVisible();

  // The breadcrumb leads to the group, which lists the stream.
  await page.getByRole("link", { name: "/aws/lambda/greeter" }).click();
  await expect(page.getByRole("heading", { name: "/aws/lambda/greeter" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Log streams" }).getByRole("row")).toHaveCount(2);

  // The list shows the function.
  await page.goto("/lambda");
  const row = page.getByRole("table", { name: "Functions" }).getByRole("row").filter({ has: page.getByRole("link", { name: "greeter", exact: true }) });
  await expect(row).toContainText("Node.js 20.x");
  await expect(row).toContainText("128");
});

test("versions and a weighted alias", async ({ page, context, owner: _owner }) => {
  const api = consoleApi(context);
  await createFromBlueprint(page, "release", "Node.js");

  await page.getByRole("tab", { name: "Versions" }).click();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Publish new version" }).click();
  const publish = page.getByRole("dialog", { name: "Publish new version" });
  await publish.getByLabel("Version description").fill("first release");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByText("Successfully created version 1 of function release.")).toBeVisible();
  await expect(versions.getByRole("row", { name: /first release/ })).toContainText("1");

  // A change to $LATEST, then a second version.
  await api.lambda.updateFunctionConfiguration.mutate({ FunctionName: "release", Description: "second" });
  await page.getByRole("button", { name: "Publish new version" }).click();
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Successfully created version 2 of function release.")).toBeVisible();
  await expect(versions.getByRole("row")).toHaveCount(4);

  // An alias on version 1 that sends 20% to version 2.
  await page.getByRole("tab", { name: "Aliases" }).click();
  await expect(page.getByText("No aliases", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create alias" }).click();
  const dialog = page.getByRole("dialog", { name: "Create alias" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Choose a version.")).toBeVisible();
  await dialog.getByLabel("Alias name").fill("live");
  await dialog.getByLabel("Version", { exact: true }).selectOption("1");
  await dialog.getByRole("checkbox", { name: /Weighted alias/ }).check();
  await dialog.getByLabel("Additional version").selectOption("2");
  await dialog.getByLabel("Weight (%)").fill("20");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Successfully created alias live.")).toBeVisible();
  const live = page.getByRole("table", { name: "Aliases" }).getByRole("row", { name: /live/ });
  await expect(live).toContainText("1 (80%), 2 (20%)");
  await expect(live).toContainText(/arn:aws:lambda:us-east-1:\d{12}:function:release:live/);

  // The versions list names the alias on both versions.
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(versions.getByRole("row", { name: /first release/ })).toContainText("live");

  // Invoking the alias runs one of its versions.
  const out = await api.lambda.invoke.mutate({ FunctionName: "release", Qualifier: "live", Payload: JSON.stringify({ key1: "v" }) });
  expect(["1", "2"]).toContain(out.ExecutedVersion);

  // Edit: drop the weights.
  await page.getByRole("tab", { name: "Aliases" }).click();
  await page.getByRole("radio", { name: "Select live" }).check();
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit alias live" });
  await edit.getByRole("checkbox", { name: /Weighted alias/ }).uncheck();
  await edit.getByLabel("Version", { exact: true }).selectOption("2");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(live.getByRole("cell").nth(2)).toHaveText("2");
});

test("Python function from the blueprint runs in the Test tab", async ({ page, owner: _owner }) => {
  await createFromBlueprint(page, "py-hello", "Python");
  await expect(page.getByRole("main")).toContainText("Python 3.12 (python3.12)");
  await expect(page.getByRole("textbox", { name: "Code of lambda_function.py" })).toContainText("def lambda_handler(event, context):");

  await page.getByRole("tab", { name: "Test" }).click();
  await runTest(page);
  await expect(page.getByText("Executing function: succeeded")).toBeVisible();
  const result = page.getByRole("region", { name: "Execution result" });
  await expect(result.getByRole("group", { name: "Response" })).toContainText('"value1"');
  const log = result.getByRole("group", { name: "Log output" });
  await expect(log).toContainText("value1 = value1");
  await expect(log).toContainText("value3 = value3");
  await expect(log).toContainText(/REPORT RequestId: [0-9a-f-]{36}/);

  // An event without key1 makes the handler raise: the console shows the error.
  await typeInEditor(page, "Event JSON", "{}");
  await runTest(page);
  await expect(page.getByText("Executing function: failed")).toBeVisible();
  await expect(result.getByRole("group", { name: "Response" })).toContainText("KeyError");

  // A second function of the same name: the server's refusal is shown on the form.
  await page.goto("/lambda/create");
  await page.getByLabel("Function name").fill("py-hello");
  await page.getByRole("button", { name: "Create function" }).click();
  const refusal = page.getByRole("main").getByRole("alert");
  await expect(refusal).toContainText("Couldn't create the function");
  await expect(refusal).toContainText("Function already exist");
});

test("configuration changes persist; the server's errors are shown", async ({ page, owner }) => {
  test.setTimeout(120_000);
  await createFromBlueprint(page, "settings", "Node.js");
  await page.getByRole("tab", { name: "Configuration" }).click();

  const general = page.getByRole("region", { name: "General configuration" });
  await general.getByRole("button", { name: "Edit" }).click();
  const basic = page.getByRole("dialog", { name: "Edit basic settings" });
  await basic.getByLabel("Memory (MB)").fill("64");
  await basic.getByRole("button", { name: "Save" }).click();
  await expect(basic.getByText("Memory must be a whole number from 128 to 10240.")).toBeVisible();
  // A role of another account passes the form's check; the server refuses it with AWS's message.
  await basic.getByLabel("Memory (MB)").fill("256");
  await basic.getByLabel("Execution role ARN").fill("arn:aws:iam::111122223333:role/elsewhere");
  await basic.getByRole("button", { name: "Save" }).click();
  await expect(basic.getByRole("alert")).toContainText("The role defined for the function cannot be assumed by Lambda.");
  await basic.getByLabel("Execution role ARN").fill(await lambdaRole(page.context(), owner.accountId, "settings-role"));
  await basic.getByLabel("Timeout (seconds)").fill("10");
  await basic.getByLabel("Description").fill("Settings under test");
  await basic.getByRole("button", { name: "Save" }).click();
  await expect(basic).toBeHidden();
  await expect(general).toContainText(/Memory\s*256 MB/);
  await expect(general).toContainText(/Timeout\s*10 sec/);

  const environment = page.getByRole("region", { name: "Environment variables" });
  await environment.getByRole("button", { name: "Edit" }).click();
  const env = page.getByRole("dialog", { name: "Edit environment variables" });
  await env.getByRole("button", { name: "Add environment variable" }).click();
  await env.getByLabel("Environment variable 1 key").fill("AWS_REGION");
  await env.getByLabel("Environment variable 1 value").fill("eu-west-1");
  await env.getByRole("button", { name: "Save" }).click();
  // Reserved names are refused by the server, with its message.
  await expect(env.getByRole("alert")).toContainText("AWS_REGION");
  await env.getByLabel("Environment variable 1 key").fill("TABLE_NAME");
  await env.getByLabel("Environment variable 1 value").fill("orders");
  await env.getByRole("button", { name: "Save" }).click();
  await expect(env).toBeHidden();
  await expect(environment.getByRole("table", { name: "Environment variables" }).getByRole("row", { name: /TABLE_NAME/ })).toContainText("orders");

  // Reserved concurrency beyond what the account can spare: the server says why.
  const concurrency = page.getByRole("region", { name: "Concurrency", exact: true });
  await concurrency.getByRole("button", { name: "Edit" }).click();
  const reserve = page.getByRole("dialog", { name: "Edit concurrency" });
  await reserve.getByRole("radio", { name: /^Reserve concurrency/ }).check();
  await reserve.getByLabel("Reserved concurrency").fill("100000");
  await reserve.getByRole("button", { name: "Save" }).click();
  await expect(reserve.getByRole("alert")).toContainText("UnreservedConcurrentExecution");
  await reserve.getByLabel("Reserved concurrency").fill("5");
  await reserve.getByRole("button", { name: "Save" }).click();
  await expect(reserve).toBeHidden();
  await expect(concurrency).toContainText("5 reserved");

  // After a reload, everything is read back from the server.
  await page.reload();
  await page.getByRole("tab", { name: "Configuration" }).click();
  await expect(general).toContainText(/Memory\s*256 MB/);
  await expect(general).toContainText(/Timeout\s*10 sec/);
  await expect(general).toContainText("Settings under test");
  await expect(general).toContainText(`arn:aws:iam::${owner.accountId}:role/settings-role`);
  await expect(environment.getByRole("table", { name: "Environment variables" }).getByRole("row", { name: /TABLE_NAME/ })).toContainText("orders");
  await expect(concurrency).toContainText("5 reserved");
  await expect(page.getByRole("main")).toContainText(/Memory\s*256 MB/);

  // The function sees its settings.
  await page.getByRole("tab", { name: "Code" }).click();
  await typeInEditor(page, "Code of index.mjs", "export const handler = async () => ({ table: process.env.TABLE_NAME, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE });");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Successfully updated the function settings.")).toBeVisible();
  await page.getByRole("tab", { name: "Test" }).click();
  await runTest(page);
  await expect(page.getByRole("region", { name: "Execution result" }).getByRole("group", { name: "Response" })).toContainText('"table": "orders"');
  await expect(page.getByRole("region", { name: "Execution result" }).getByRole("group", { name: "Response" })).toContainText('"memory": "256"');

  // Reserved concurrency 0 throttles every invocation: the Test tab shows the server's refusal.
  await page.getByRole("tab", { name: "Configuration" }).click();
  await concurrency.getByRole("button", { name: "Edit" }).click();
  await reserve.getByLabel("Reserved concurrency").fill("0");
  await reserve.getByRole("button", { name: "Save" }).click();
  await expect(concurrency).toContainText("0 reserved");
  await page.getByRole("tab", { name: "Test" }).click();
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't invoke the function" })).toContainText("Rate Exceeded.");
});

test("SQS trigger: add with the server's checks, reach Enabled, run for a message, disable and delete", async ({ page, context, owner }) => {
  test.setTimeout(120_000);
  const api = consoleApi(context);
  const { QueueUrl } = await api.sqs.createQueue.mutate({ QueueName: "orders" });
  // Shorter than the function's 3-second timeout: Lambda refuses it as a source.
  await api.sqs.createQueue.mutate({ QueueName: "hasty", Attributes: { VisibilityTimeout: "1" } });
  await createNodeFunction(context, owner.accountId, "consumer", "export const handler = async (event) => {\n  for (const record of event.Records) console.log('record', record.body);\n};\n");

  await page.goto("/lambda/functions/consumer");
  await page.getByRole("tab", { name: "Triggers" }).click();
  await expect(page).toHaveURL(/\/lambda\/functions\/consumer\?tab=triggers$/);
  await expect(page.getByText("No triggers", { exact: true })).toBeVisible();

  // Client-side checks, then the server's refusal, shown in the dialog.
  await page.getByRole("button", { name: "Add trigger" }).click();
  const dialog = page.getByRole("dialog", { name: "Add trigger" });
  const add = dialog.getByRole("button", { name: "Add", exact: true });
  await dialog.getByLabel("Batch size").fill("0");
  await add.click();
  await expect(dialog.getByText("Choose an SQS queue.")).toBeVisible();
  await expect(dialog.getByText("Batch size must be a whole number from 1 to 10000.")).toBeVisible();
  await dialog.getByLabel("Batch size").fill("5");
  await dialog.getByLabel("SQS queue").selectOption({ label: "hasty" });
  await add.click();
  await expect(dialog.getByRole("alert")).toContainText("Queue visibility timeout: 1 seconds is less than Function timeout: 3 seconds");

  await dialog.getByLabel("SQS queue").selectOption({ label: "orders" });
  await dialog.getByLabel(/^Report batch item failures/).check();
  await add.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Successfully added the trigger orders.")).toBeVisible();
  const row = page.getByRole("table", { name: "Triggers" }).getByRole("row").filter({ has: page.getByRole("link", { name: "orders", exact: true }) });
  // Creating… settles into Enabled once the workers run the poller; the tab reads it again meanwhile.
  await expect(row.getByText("Enabled", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("Yes");
  await expect(row.getByRole("cell").nth(3)).toHaveText("5");

  // A message on the queue invokes the function; its log line carries the body.
  await api.sqs.sendMessage.mutate({ QueueUrl, MessageBody: "hello from the queue" });
  await expect
    .poll(
      async () => {
        const out = await api.logs.filterLogEvents.query({ logGroupName: "/aws/lambda/consumer" }).catch(() => ({ events: [] }));
        return (out.events ?? []).map((e) => e.message ?? "").join("\n");
      },
      { timeout: 30_000 },
    )
    .toMatch(/record\s+hello from the queue[\s\S]*REPORT RequestId/);
  await page.getByRole("tab", { name: "Monitor" }).click();
  await page.getByRole("region", { name: "Recent log streams" }).getByRole("table", { name: "Log streams" }).getByRole("link").first().click();
  await expect(page.getByRole("table", { name: "Log events" }).getByRole("row", { name: /record\s+hello from the queue/ })).toBeVisible();

  // The queue's page lists the function among its Lambda triggers.
  await page.goto("/sqs/queues/orders");
  await page.getByRole("tab", { name: "Lambda triggers" }).click();
  await page.getByRole("table", { name: "Lambda triggers" }).getByRole("link", { name: "consumer" }).click();
  await expect(page).toHaveURL(/\/lambda\/functions\/consumer\?tab=triggers$/);

  // Disable, then delete after confirming.
  const triggers = page.getByRole("region", { name: "Triggers" });
  await triggers.getByRole("radio", { name: "Select orders" }).check();
  await triggers.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(triggers.getByRole("button", { name: "Enable" })).toBeEnabled();
  await triggers.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete trigger" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Trigger orders deleted.")).toBeVisible();
  await expect(page.getByText("No triggers", { exact: true })).toBeVisible();
});

test("CloudWatch Logs: log groups, live tail of a new invocation", async ({ page, context, owner: _owner }) => {
  const api = consoleApi(context);
  await page.goto("/logs");
  await expect(page.getByRole("heading", { level: 1, name: "Log groups" })).toBeVisible();
  await expect(page.getByText("No log groups", { exact: true })).toBeVisible();

  await createFromBlueprint(page, "tailed", "Node.js");
  await api.lambda.invoke.mutate({ FunctionName: "tailed", Payload: JSON.stringify({ key1: "first" }) });

  await page.goto("/logs");
  const groups = page.getByRole("table", { name: "Log groups" });
  await expect(groups.getByRole("link", { name: "/aws/lambda/tailed" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search log groups" }).fill("/nothing");
  await expect(page.getByText("No matches", { exact: true })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search log groups" }).fill("/aws/lambda/t");
  await groups.getByRole("link", { name: "/aws/lambda/tailed" }).click();

  await expect(page.getByRole("heading", { name: "/aws/lambda/tailed" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Log group details" })).toContainText("Never expire");
  await page.getByRole("tab", { name: "Live tail" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  const lines = page.getByRole("list", { name: "Live tail events" });

  // Starting shows the group's latest events, then follows it.
  await expect(lines.getByRole("listitem").filter({ hasText: "value1 = first" })).toBeVisible();
  await expect(page.getByText(/^Tailing \/aws\/lambda\/tailed: \d+ events$/)).toBeVisible();
  const out = await api.lambda.invoke.mutate({ FunctionName: "tailed", Payload: JSON.stringify({ key1: "tail-me" }), LogType: "Tail" });
  expect(out.FunctionError).toBeUndefined();
  const requestId = /REPORT RequestId: (\S+)/.exec(out.LogResult ?? "")?.[1] ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  for (const line of [`START RequestId: ${requestId}`, "value1 = tail-me", `END RequestId: ${requestId}`, `REPORT RequestId: ${requestId}`]) {
    await expect(lines.getByRole("listitem").filter({ hasText: line })).toBeVisible();
  }
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(lines).toContainText("Waiting for events…");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByText("Stopped", { exact: true })).toBeVisible();

  // Retention.
  await page.getByRole("button", { name: "Edit retention" }).click();
  const retention = page.getByRole("dialog", { name: "Edit retention setting" });
  await retention.getByLabel("Retention setting").selectOption({ label: "1 week" });
  await retention.getByRole("button", { name: "Save" }).click();
  await expect(retention).toBeHidden();
  await expect(page.getByRole("region", { name: "Log group details" })).toContainText("1 week");
});

test("a viewer can look but not change or invoke; the owner deletes a function", async ({ page, context, owner, otherContext }) => {
  await createNodeFunction(context, owner.accountId, "shared", "export const handler = async () => 'hi';\n");
  await consoleApi(context).lambda.invoke.mutate({ FunctionName: "shared" });
  await joinTeam(context, owner, otherContext, "viewer");
  const viewer = await otherContext.newPage();

  await viewer.goto("/lambda");
  await expect(viewer.getByText("Viewers can look at functions but cannot create, change, invoke or delete them.", { exact: false })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Create function" })).toBeDisabled();
  await viewer.getByRole("table", { name: "Functions" }).getByRole("link", { name: "shared" }).click();
  await expect(viewer.getByRole("heading", { name: "shared", exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Delete", exact: true })).toBeDisabled();
  await expect(viewer.getByRole("textbox", { name: "Code of index.mjs" })).toHaveAttribute("aria-readonly", "true");
  await expect(viewer.getByRole("button", { name: "Upload from .zip file" })).toBeDisabled();
  await viewer.getByRole("tab", { name: "Test" }).click();
  await expect(viewer.getByRole("button", { name: "Test", exact: true })).toBeDisabled();
  await viewer.getByRole("tab", { name: "Configuration" }).click();
  await expect(viewer.getByRole("region", { name: "General configuration" }).getByRole("button", { name: "Edit" })).toBeDisabled();
  await viewer.getByRole("tab", { name: "Triggers" }).click();
  await expect(viewer.getByRole("button", { name: "Add trigger" })).toBeDisabled();
  await expect(consoleApi(otherContext).lambda.invoke.mutate({ FunctionName: "shared" })).rejects.toMatchObject({ data: { httpStatus: 403, awsCode: "AccessDenied" } });
  // Logs are readable, not changeable.
  await viewer.goto("/logs");
  await expect(viewer.getByRole("button", { name: "Create log group" })).toBeDisabled();
  await viewer.getByRole("link", { name: "/aws/lambda/shared" }).click();
  await expect(viewer.getByRole("button", { name: "Edit retention" })).toBeDisabled();
  await expect(viewer.getByRole("table", { name: "Log streams" }).getByRole("row")).toHaveCount(2);

  // Console Home counts the function and its log group.
  await page.goto("/");
  const counts = page.getByRole("list", { name: "Resource counts" });
  await expect(counts.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Lambda", exact: true }) }).locator(".card-count")).toHaveText("1");
  await expect(counts.getByRole("listitem").filter({ has: page.getByRole("link", { name: "CloudWatch Logs", exact: true }) }).locator(".card-count")).toHaveText("1");

  // The owner deletes it from the list, confirming with "confirm".
  await page.goto("/lambda");
  await expect(page.getByRole("button", { name: "Delete" })).toBeDisabled();
  await page.getByRole("radio", { name: "Select shared" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete function" });
  await expect(confirm.getByRole("button", { name: "Delete" })).toBeDisabled();
  await confirm.getByLabel("To confirm, type “confirm” in the field.").fill("confirm");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No functions", { exact: true })).toBeVisible();
  // Its log group is kept.
  await page.goto("/logs");
  await expect(page.getByRole("link", { name: "/aws/lambda/shared" })).toBeVisible();
});

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Screenshots of the Lambda and CloudWatch Logs pages for a person to review, at desktop and phone sizes. */
test("Lambda and CloudWatch Logs pages at desktop and mobile sizes", async ({ page, context, owner }) => {
  test.setTimeout(180_000);
  const api = consoleApi(context);
  await createNodeFunction(context, owner.accountId, "orders-api", "export const handler = async (event) => {\n  console.log('event', JSON.stringify(event));\n  return { ok: true };\n};\n", {
    Description: "Serves the orders API",
    Tags: { team: "payments" },
  });
  await api.lambda.updateFunctionConfiguration.mutate({ FunctionName: "orders-api", Environment: { Variables: { TABLE_NAME: "orders" } } });
  await api.lambda.createFunction.mutate({
    FunctionName: "thumbnailer",
    Runtime: "python3.12",
    Handler: "lambda_function.lambda_handler",
    Role: await lambdaRole(context, owner.accountId),
    MemorySize: 512,
    Code: { InlineFiles: [{ path: "lambda_function.py", content: "def lambda_handler(event, context):\n    print('resizing')\n    return {'ok': True}\n" }] },
  });
  for (let i = 0; i < 3; i++) await api.lambda.invoke.mutate({ FunctionName: "orders-api", Payload: JSON.stringify({ order: i }) });
  await api.lambda.publishVersion.mutate({ FunctionName: "orders-api", Description: "first release" });
  await api.lambda.createAlias.mutate({ FunctionName: "orders-api", Name: "live", FunctionVersion: "1" });
  // Disabled, so that no poller outlives the test.
  await api.sqs.createQueue.mutate({ QueueName: "orders" });
  await api.lambda.createEventSourceMapping.mutate({ FunctionName: "orders-api", EventSourceArn: `arn:aws:sqs:us-east-1:${owner.accountId}:orders`, BatchSize: 5, Enabled: false });

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const shot = async (name: string) => {
      // The sticky top bar belongs at the top of a full-page shot.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screenshots/lambda-${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
      // Long names (log streams, ARNs) wrap: nothing widens the page beyond the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} fits ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
    };
    const settled = () => expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);

    await page.goto("/lambda");
    await expect(page.getByRole("link", { name: "orders-api" })).toBeVisible();
    await settled();
    await shot("list");

    await page.goto("/lambda/create");
    await page.getByRole("radio", { name: /^Use a blueprint/ }).check();
    // CodeMirror lays out an editor once it scrolls into view; a full-page shot doesn't scroll.
    await page.getByRole("textbox", { name: "Code preview of index.mjs" }).scrollIntoViewIfNeeded();
    await settled();
    await shot("create");

    await page.goto("/lambda/functions/orders-api");
    await expect(page.getByRole("textbox", { name: "Code of index.mjs" })).toBeVisible();
    await settled();
    await shot("code");

    await page.getByRole("tab", { name: "Test" }).click();
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByText("Executing function: succeeded")).toBeVisible({ timeout: 30_000 });
    await page.getByRole("textbox", { name: "Event JSON" }).scrollIntoViewIfNeeded();
    await shot("test");

    await page.getByRole("tab", { name: "Monitor" }).click();
    await expect(page.getByRole("img", { name: /^Invocations/ })).toBeVisible();
    await settled();
    await shot("monitor");

    await page.getByRole("tab", { name: "Triggers" }).click();
    await expect(page.getByRole("link", { name: "orders", exact: true })).toBeVisible();
    await settled();
    await shot("triggers");

    await page.getByRole("tab", { name: "Configuration" }).click();
    await settled();
    await shot("configuration");

    await page.getByRole("tab", { name: "Versions" }).click();
    await settled();
    await shot("versions");

    await page.getByRole("tab", { name: "Aliases" }).click();
    await settled();
    await shot("aliases");

    await page.goto("/logs");
    await expect(page.getByRole("link", { name: "/aws/lambda/orders-api" })).toBeVisible();
    await settled();
    await shot("log-groups");

    await page.getByRole("link", { name: "/aws/lambda/orders-api" }).click();
    await expect(page.getByRole("table", { name: "Log streams" })).toBeVisible();
    await settled();
    await shot("log-group");

    await page.getByRole("table", { name: "Log streams" }).getByRole("link").first().click();
    await expect(page.getByRole("table", { name: "Log events" })).toBeVisible();
    await settled();
    await shot("log-stream");
  }
});
