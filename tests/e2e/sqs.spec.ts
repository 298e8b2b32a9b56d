import type { Locator, Page } from "@playwright/test";
import { consoleApi, expect, joinTeam, test } from "./fixtures";

/** The queue list's row for `name` (the Name cell links to the queue). */
function queueRow(page: Page, name: string): Locator {
  return page.getByRole("table", { name: "Queues" }).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Cells of a queue row, by column: 0 select, 1 name, 2 type, 3 created, 4 available, 5 in flight, 6 delayed, 7 encryption. */
const AVAILABLE = 4;
const IN_FLIGHT = 5;

/** A message counter ("Messages available", …) on a queue page. */
function counter(page: Page, label: string): Locator {
  return page.locator(".counter", { has: page.getByRole("term").filter({ hasText: label }) }).getByRole("definition");
}

async function createQueueInConsole(page: Page, name: string, configure?: () => Promise<void>): Promise<void> {
  await page.goto("/sqs/create");
  await expect(page.getByRole("heading", { name: "Create queue" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await configure?.();
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByText(`Queue ${name} created successfully.`)).toBeVisible();
}

/** On the send and receive page: polls once, stopping after `max` messages or `seconds`. */
async function pollForMessages(page: Page, { max = 10, seconds = 20 }: { max?: number; seconds?: number } = {}): Promise<void> {
  await page.getByLabel("Polling duration").fill(String(seconds));
  await page.getByLabel("Maximum message count").fill(String(max));
  await page.getByRole("button", { name: "Poll for messages" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Polling (finished|stopped)/ })).toBeAttached({ timeout: (seconds + 10) * 1000 });
}

test("standard queue: create, send with an attribute, receive, delete, purge", async ({ page, owner: _owner }) => {
  await page.goto("/sqs");
  await expect(page.getByText("No queues", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create queue", exact: true }).click();
  await expect(page).toHaveURL(/\/sqs\/create$/);

  // Client-side checks: AWS's ranges and name rules, before anything is sent.
  await page.getByLabel("Name", { exact: true }).fill("orders.fifo");
  await page.getByLabel("Visibility timeout", { exact: true }).fill("13");
  await page.getByLabel("Visibility timeout unit").selectOption("hours");
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByText("Only FIFO queue names can end with .fifo.")).toBeVisible();
  await expect(page.getByText("Visibility timeout must be between 0 seconds and 12 hours.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();

  await page.getByLabel("Name", { exact: true }).fill("orders");
  await page.getByLabel("Visibility timeout", { exact: true }).fill("45");
  await page.getByLabel("Visibility timeout unit").selectOption("seconds");
  await page.getByRole("button", { name: "Add new tag" }).click();
  await page.getByLabel("Tag 1 key").fill("team");
  await page.getByLabel("Tag 1 value").fill("payments");
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByRole("heading", { name: "orders", exact: true })).toBeVisible();
  await expect(page.getByText("Queue orders created successfully.")).toBeVisible();

  // Details show the attributes; the Tagging tab the tag.
  await expect(page.getByRole("table", { name: "All attributes" }).getByRole("row", { name: /VisibilityTimeout/ })).toContainText("45");
  await expect(page.getByRole("button", { name: "Copy ARN" })).toBeVisible();
  await page.getByRole("tab", { name: "Tagging" }).click();
  await expect(page.getByRole("table", { name: "Tags" }).getByRole("row", { name: /team/ })).toContainText("payments");

  // Send a message with a String attribute.
  await page.getByRole("link", { name: "Send and receive messages" }).click();
  await expect(page.getByRole("heading", { name: "Send and receive messages" })).toBeVisible();
  await page.getByLabel("Message body").fill('{"order": 42}');
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 1 name").fill("color");
  await page.getByLabel("Attribute 1 type").selectOption("String");
  await page.getByLabel("Attribute 1 value").fill("blue");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 2 name").fill("payload");
  await page.getByLabel("Attribute 2 type").selectOption("Binary");
  await page.getByLabel("Attribute 2 value").fill("not base64!");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Enter the binary value as base64")).toBeVisible();
  await page.getByLabel("Attribute 2 value").fill("aGVsbG8=");
  await page.getByRole("button", { name: "Send message" }).click();
  const sent = page.getByRole("status").filter({ hasText: "Your message has been sent and is ready to be received." });
  await expect(sent).toBeVisible();
  const messageId = (await sent.locator("dd code").first().textContent()) ?? "";
  expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(counter(page, "Messages available")).toHaveText("1");

  // Poll: it arrives with its attribute and moves in flight.
  await pollForMessages(page, { max: 1 });
  const received = page.getByRole("table", { name: "Received messages" });
  await expect(received.getByRole("row")).toHaveCount(2);
  await expect(received.getByRole("row", { name: new RegExp(messageId) })).toContainText("13 bytes");
  await expect(counter(page, "Messages in flight")).toHaveText("1");
  await received.getByRole("button", { name: messageId }).click();
  const details = page.getByRole("dialog", { name: "Message details" });
  await expect(details.getByTestId("message-body")).toHaveText('{"order": 42}');
  await expect(details.getByRole("table", { name: "Message attributes" }).getByRole("row", { name: /color/ })).toHaveText(/color\s*String\s*blue/);
  // Binary values come back as bytes and show as base64.
  await expect(details.getByRole("table", { name: "Message attributes" }).getByRole("row", { name: /payload/ })).toHaveText(/payload\s*Binary\s*aGVsbG8=/);
  await details.getByRole("button", { name: "Delete" }).click();
  await expect(details).toBeHidden();
  await expect(page.getByText("No messages", { exact: true })).toBeVisible();
  await expect(counter(page, "Messages in flight")).toHaveText("0");
  await expect(counter(page, "Messages available")).toHaveText("0");

  // The list agrees.
  await page.goto("/sqs");
  const row = queueRow(page, "orders");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Standard");
  await expect(row.getByRole("cell").nth(AVAILABLE)).toHaveText("0");
  await expect(row.getByRole("cell").nth(IN_FLIGHT)).toHaveText("0");
  await expect(row.getByRole("cell").nth(7)).toHaveText("SSE-SQS");

  // Purge needs the word typed; a second purge within 60 seconds shows the server's refusal.
  await row.getByRole("link", { name: "orders" }).click();
  for (const attempt of [1, 2]) {
    await page.getByRole("button", { name: "Purge" }).click();
    const purge = page.getByRole("dialog", { name: "Purge queue" });
    await expect(purge.getByRole("button", { name: "Purge" })).toBeDisabled();
    await purge.getByLabel("To confirm, type “purge” in the field.").fill("purge");
    await purge.getByRole("button", { name: "Purge" }).click();
    if (attempt === 1) {
      await expect(purge).toBeHidden();
      await expect(page.getByText("Queue orders purged.")).toBeVisible();
    } else {
      await expect(purge.getByRole("alert")).toContainText("Only one PurgeQueue operation on orders is allowed every 60 seconds.");
      await purge.getByRole("button", { name: "Cancel" }).click();
    }
  }

  // Delete from the list: select the row, then confirm by typing "confirm".
  await page.getByRole("link", { name: "Queues", exact: true }).click();
  await expect(page.getByRole("button", { name: "Delete" })).toBeDisabled();
  await page.getByRole("radio", { name: "Select orders" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete queue" });
  await confirm.getByLabel("To confirm, type “confirm” in the field.").fill("delete");
  await expect(confirm.getByRole("button", { name: "Delete" })).toBeDisabled();
  await confirm.getByLabel("To confirm, type “confirm” in the field.").fill("confirm");
  await confirm.getByLabel("To confirm, type “confirm” in the field.").press("Enter");
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No queues", { exact: true })).toBeVisible();
});

test("edit a queue's attributes", async ({ page, context, owner: _owner }) => {
  await consoleApi(context).sqs.createQueue.mutate({ QueueName: "settings" });
  await page.goto("/sqs/queues/settings/edit");
  await expect(page.getByRole("heading", { name: "Edit settings" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("Message retention period", { exact: true })).toHaveValue("4");
  await expect(page.getByLabel("Message retention period unit")).toHaveValue("days");

  await page.getByLabel("Receive message wait time").fill("25");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Receive message wait time must be between 0 seconds and 20 seconds.")).toBeVisible();
  await page.getByLabel("Receive message wait time").fill("20");
  await page.getByLabel("Access policy (JSON)").fill("{ not json");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The policy must be a JSON object")).toBeVisible();
  await page.getByRole("button", { name: "Insert owner-only policy" }).click();
  await page.getByRole("group", { name: "Server-side encryption" }).getByRole("radio", { name: /^Disabled/ }).check();
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page.getByRole("heading", { name: "settings", exact: true })).toBeVisible();
  const attributes = page.getByRole("table", { name: "All attributes" });
  await expect(attributes.getByRole("row", { name: /ReceiveMessageWaitTimeSeconds/ })).toContainText("20");
  await expect(attributes.getByRole("row", { name: /SqsManagedSseEnabled/ })).toContainText("false");
  // Tabs work from the keyboard: arrows move between them.
  await page.getByRole("tab", { name: "Details" }).focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: "Access policy" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Access policy" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("__owner_statement");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "Tagging" })).toHaveAttribute("aria-selected", "true");

  // Tags: add two, then remove one.
  await page.getByRole("button", { name: "Manage tags" }).click();
  await page.getByRole("button", { name: "Add new tag" }).click();
  await page.getByLabel("Tag 1 key").fill("env");
  await page.getByLabel("Tag 1 value").fill("prod");
  await page.getByRole("button", { name: "Add new tag" }).click();
  await page.getByLabel("Tag 2 key").fill("env");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByText('The key "env" is used twice.')).toBeVisible();
  await page.getByLabel("Tag 2 key").fill("owner");
  await page.getByRole("button", { name: "Save tags" }).click();
  const tags = page.getByRole("table", { name: "Tags" });
  await expect(tags.getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: "Manage tags" }).click();
  await page.getByRole("button", { name: "Remove tag 1" }).click();
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(tags.getByRole("row")).toHaveCount(2);
  await expect(tags).toContainText("owner");
  await expect(tags).not.toContainText("prod");
});

test("a poison message lands in the dead-letter queue and is redriven back", async ({ page, owner: _owner }) => {
  await createQueueInConsole(page, "poison-dlq");
  await createQueueInConsole(page, "work", async () => {
    await page.getByLabel("Visibility timeout", { exact: true }).fill("1");
    await page.getByRole("group", { name: "Dead-letter queue" }).getByRole("radio", { name: /^Enabled/ }).check();
    await page.getByLabel("Choose queue").selectOption({ label: "poison-dlq" });
    await page.getByLabel("Maximum receives").fill("1");
  });
  await page.getByRole("tab", { name: "Dead-letter queue" }).click();
  await expect(page.getByRole("tabpanel").getByRole("link", { name: "poison-dlq" })).toBeVisible();

  await page.getByRole("link", { name: "Send and receive messages" }).click();
  await page.getByLabel("Message body").fill("poison");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Your message has been sent and is ready to be received.")).toBeVisible();

  // The first receive delivers it; once it is visible again, the next receive dead-letters it.
  await pollForMessages(page, { max: 1 });
  await expect(page.getByRole("table", { name: "Received messages" })).toContainText("poison".length + " bytes");
  await pollForMessages(page, { seconds: 3 });
  await expect(page.getByText("No messages received")).toBeVisible();

  await page.goto("/sqs");
  await expect(queueRow(page, "poison-dlq").getByRole("cell").nth(AVAILABLE)).toHaveText("1");
  await expect(queueRow(page, "work").getByRole("cell").nth(AVAILABLE)).toHaveText("0");

  // Polling the dead-letter queue shows where the message came from.
  await page.goto("/sqs/queues/poison-dlq/send-receive");
  await pollForMessages(page, { max: 1 });
  const received = page.getByRole("table", { name: "Received messages" });
  await received.getByRole("row").nth(1).getByRole("button").click();
  const details = page.getByRole("dialog", { name: "Message details" });
  await expect(details.getByTestId("message-body")).toHaveText("poison");
  await expect(details).toContainText(/Dead-letter source queue\s*arn:aws:sqs:us-east-1:\d{12}:work/);
  await details.getByRole("button", { name: "Done" }).click();

  // The DLQ knows its source; a redrive moves the message back.
  await page.goto("/sqs/queues/poison-dlq");
  await page.getByRole("tab", { name: "Dead-letter queue" }).click();
  await expect(page.getByRole("table", { name: "Source queues" }).getByRole("link", { name: "work" })).toBeVisible();
  await page.getByRole("button", { name: "Start DLQ redrive" }).first().click();
  const redrive = page.getByRole("dialog", { name: "Start DLQ redrive" });
  await expect(redrive.getByRole("radio", { name: /^Redrive to source queue/ })).toBeChecked();
  await redrive.getByRole("button", { name: "DLQ redrive" }).click();
  await expect(redrive).toBeHidden();
  const tasks = page.getByRole("table", { name: "DLQ redrive tasks" });
  await expect(tasks.getByRole("row").nth(1)).toContainText("Completed", { timeout: 30_000 });
  await expect(tasks.getByRole("row").nth(1)).toContainText("1 of 1");

  await page.goto("/sqs");
  await expect(queueRow(page, "work").getByRole("cell").nth(AVAILABLE)).toHaveText("1");
  await expect(queueRow(page, "poison-dlq").getByRole("cell").nth(AVAILABLE)).toHaveText("0");
  await expect(queueRow(page, "poison-dlq").getByRole("cell").nth(IN_FLIGHT)).toHaveText("0");
});

test("FIFO queue: sending with a group ID returns a sequence number", async ({ page, owner: _owner }) => {
  await page.goto("/sqs/create");
  await page.getByRole("radio", { name: /^FIFO/ }).check();
  await page.getByLabel("Name", { exact: true }).fill("payments");
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await page.getByRole("radio", { name: /^FIFO/ }).check();
  // Switching type keeps the name valid: the .fifo suffix follows it.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("payments.fifo");
  await page.getByLabel("Content-based deduplication").check();
  await page.getByRole("button", { name: "Create queue" }).click();
  await expect(page.getByRole("heading", { name: "payments.fifo", exact: true })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("FIFO");

  await page.getByRole("link", { name: "Send and receive messages" }).click();
  await expect(page.getByLabel("Delivery delay")).toHaveCount(0);
  await page.getByLabel("Message body").fill("first payment");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Enter a message group ID: FIFO queues need one.")).toBeVisible();
  await page.getByLabel("Message group ID").fill("customer-1");
  await page.getByLabel("Message deduplication ID").fill("payment-1");
  await page.getByRole("button", { name: "Send message" }).click();
  const sent = page.getByRole("status").filter({ hasText: "Your message has been sent" });
  await expect(sent).toContainText(/Sequence number\s*\d{10,}/);
  const sequence = (await sent.locator(".kv", { hasText: "Sequence number" }).locator("dd").textContent()) ?? "";

  await pollForMessages(page, { max: 1 });
  await page.getByRole("table", { name: "Received messages" }).getByRole("row").nth(1).getByRole("button").click();
  const details = page.getByRole("dialog", { name: "Message details" });
  await expect(details).toContainText(/Message group ID\s*customer-1/);
  await expect(details).toContainText(/Message deduplication ID\s*payment-1/);
  await expect(details).toContainText(`Sequence number${sequence}`);
});

test("message bodies are shown as text, never as HTML", async ({ page, context, owner: _owner }) => {
  await consoleApi(context).sqs.createQueue.mutate({ QueueName: "html" });
  const html = `<img src=x onerror="window.__sqsXss=1"><b id="injected">bold</b><script>window.__sqsXss=2</script>`;
  await page.goto("/sqs/queues/html/send-receive");
  await page.getByLabel("Message body").fill(html);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Your message has been sent and is ready to be received.")).toBeVisible();
  await pollForMessages(page, { max: 1 });
  await page.getByRole("table", { name: "Received messages" }).getByRole("row").nth(1).getByRole("button").click();
  const details = page.getByRole("dialog", { name: "Message details" });
  await expect(details.getByTestId("message-body")).toHaveText(html);
  await expect(page.locator("#injected")).toHaveCount(0);
  await expect(details.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __sqsXss?: number }).__sqsXss)).toBeUndefined();
});

test("a viewer cannot create queues; the server refuses a role lost mid-session", async ({ browser, baseURL, viewport, context, owner, otherContext }) => {
  await consoleApi(context).sqs.createQueue.mutate({ QueueName: "shared" });
  await joinTeam(context, owner, otherContext, "viewer");
  const viewerPage = await otherContext.newPage();

  await viewerPage.goto("/sqs");
  await expect(queueRow(viewerPage, "shared")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create queue" })).toBeDisabled();
  await expect(viewerPage.getByText("Viewers can look at queues but cannot create, change or delete them.")).toBeVisible();
  await viewerPage.goto("/sqs/create");
  await expect(viewerPage.getByRole("button", { name: "Create queue" })).toBeDisabled();
  await viewerPage.goto("/sqs/queues/shared/send-receive");
  await expect(viewerPage.getByRole("button", { name: "Send message" })).toBeDisabled();
  await expect(viewerPage.getByRole("button", { name: "Poll for messages" })).toBeDisabled();
  await expect(consoleApi(otherContext).sqs.createQueue.mutate({ QueueName: "nope" })).rejects.toMatchObject({ data: { httpStatus: 403, awsCode: "AccessDenied" } });

  // A developer demoted while the form is open gets the server's AccessDenied, shown as is.
  const developerContext = await browser.newContext({ baseURL, viewport });
  const developer = await joinTeam(context, owner, developerContext, "developer");
  const developerPage = await developerContext.newPage();
  await developerPage.goto("/sqs/create");
  await developerPage.getByLabel("Name", { exact: true }).fill("too-late");
  const members = await consoleApi(context).team.listMembers.query();
  const member = members.find((m) => m.email === developer.email)!;
  await consoleApi(context).team.changeRole.mutate({ userId: member.userId, role: "viewer" });
  await developerPage.getByRole("button", { name: "Create queue" }).click();
  const refusal = developerPage.getByRole("main").getByRole("alert");
  await expect(refusal).toContainText("Couldn't create the queue");
  await expect(refusal).toContainText("is not authorized to perform: sqs:CreateQueue");
  await developerContext.close();
});

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Screenshots of the SQS pages for a person to review, at desktop and phone sizes. */
test("SQS pages at desktop and mobile sizes", async ({ page, context, owner: _owner }) => {
  const api = consoleApi(context);
  const { QueueUrl: dlqUrl } = await api.sqs.createQueue.mutate({ QueueName: "orders-dlq" });
  const dlqArn = (await api.sqs.getQueueAttributes.query({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] })).Attributes.QueueArn!;
  const { QueueUrl } = await api.sqs.createQueue.mutate({
    QueueName: "orders",
    Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }) },
    tags: { team: "payments" },
  });
  await api.sqs.createQueue.mutate({ QueueName: "payments.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } });
  for (let i = 0; i < 3; i++) {
    await api.sqs.sendMessage.mutate({ QueueUrl, MessageBody: JSON.stringify({ order: i, items: ["book", "pen"] }), MessageAttributes: { source: { DataType: "String", StringValue: "web" } } });
  }

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const shot = (name: string) => page.screenshot({ path: `test-results/screenshots/sqs-${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
    const settled = () => expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);

    await page.goto("/sqs");
    await expect(queueRow(page, "orders")).toBeVisible();
    await expect(queueRow(page, "orders").getByRole("cell").nth(7)).not.toHaveText("…");
    await settled();
    await shot("list");

    await page.goto("/sqs/create");
    await page.getByRole("group", { name: "Dead-letter queue" }).getByRole("radio", { name: /^Enabled/ }).check();
    await settled();
    await shot("create");

    await page.goto("/sqs/queues/orders");
    await expect(page.getByRole("table", { name: "All attributes" })).toBeVisible();
    await settled();
    await shot("detail");
    await page.getByRole("tab", { name: "Monitoring" }).click();
    await expect(page.getByRole("img", { name: /^Messages sent/ })).toBeVisible();
    await shot("monitoring");

    await page.goto("/sqs/queues/orders-dlq");
    await page.getByRole("tab", { name: "Dead-letter queue" }).click();
    await expect(page.getByRole("table", { name: "Source queues" }).getByRole("link", { name: "orders" })).toBeVisible();
    await settled();
    await shot("dead-letter");
    await page.getByRole("button", { name: "Start DLQ redrive" }).first().click();
    await page.getByRole("radio", { name: /^Redrive to custom destination/ }).check();
    await page.screenshot({ path: `test-results/screenshots/sqs-redrive-${viewport.width}x${viewport.height}.png` });
    await page.getByRole("dialog", { name: "Start DLQ redrive" }).getByRole("button", { name: "Cancel" }).click();

    await page.goto("/sqs/queues/orders/send-receive");
    await page.getByRole("button", { name: "Add attribute" }).click();
    await page.getByLabel("Attribute 1 name").fill("source");
    await page.getByLabel("Attribute 1 value").fill("console");
    await pollForMessages(page, { max: 3 });
    await shot("send-receive");
    await page.getByRole("table", { name: "Received messages" }).getByRole("row").nth(1).getByRole("button").click();
    await expect(page.getByRole("dialog", { name: "Message details" })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/sqs-message-${viewport.width}x${viewport.height}.png` });
    await page.getByRole("dialog", { name: "Message details" }).getByRole("button", { name: "Done" }).click();
    // The next pass receives them again once they are visible: make them visible now.
    await api.sqs.purgeQueue.mutate({ QueueUrl }).catch(() => undefined);
    if (viewport.width === 1280) {
      for (let i = 0; i < 3; i++) await api.sqs.sendMessage.mutate({ QueueUrl, MessageBody: JSON.stringify({ order: i, items: ["book", "pen"] }) });
    }
  }
});
