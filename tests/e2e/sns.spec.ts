import type { BrowserContext, Locator, Page } from "@playwright/test";
import { consoleApi, expect, joinTeam, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

/** The topic list's row for `name` (the Name cell links to the topic). */
function topicRow(page: Page, name: string): Locator {
  return page.getByRole("table", { name: "Topics" }).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Cells of a topic row, by column: 0 select, 1 name, 2 type, 3 display name, 4 confirmed, 5 pending, 6 created. */
const CONFIRMED = 4;
const PENDING = 5;

/** A queue of the team, made over tRPC as the SQS specs do; answers its ARN. */
async function createQueue(context: BrowserContext, name: string): Promise<string> {
  const api = consoleApi(context);
  const { QueueUrl } = await api.sqs.createQueue.mutate({ QueueName: name });
  return (await api.sqs.getQueueAttributes.query({ QueueUrl, AttributeNames: ["QueueArn"] })).Attributes.QueueArn!;
}

/** Replaces the text of a CodeMirror editor by typing, as a person would. */
async function typeInEditor(page: Page, label: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** On the send and receive page: polls once, stopping after `max` messages or `seconds`. */
async function pollForMessages(page: Page, { max = 10, seconds = 20 }: { max?: number; seconds?: number } = {}): Promise<void> {
  await page.getByLabel("Polling duration").fill(String(seconds));
  await page.getByLabel("Maximum message count").fill(String(max));
  await page.getByRole("button", { name: "Poll for messages" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Polling (finished|stopped)/ })).toBeAttached({ timeout: (seconds + 10) * 1000 });
}

/** Publishes from the topic page's Publish message tab; answers the message ID the console shows. */
async function publishInConsole(page: Page, message: { subject?: string; body: string; attributes?: [string, string, string][] }): Promise<string> {
  await page.getByRole("tab", { name: "Publish message" }).click();
  const form = page.getByRole("form", { name: "Publish message" });
  await form.getByRole("button", { name: "Clear" }).click();
  if (message.subject) await form.getByLabel("Subject").fill(message.subject);
  await form.getByLabel("Message body").fill(message.body);
  for (const [i, [name, type, value]] of (message.attributes ?? []).entries()) {
    await form.getByRole("button", { name: "Add attribute" }).click();
    await form.getByLabel(`Attribute ${i + 1} name`).fill(name);
    await form.getByLabel(`Attribute ${i + 1} type`).selectOption(type);
    await form.getByLabel(`Attribute ${i + 1} value`).fill(value);
  }
  await form.getByRole("button", { name: "Publish message" }).click();
  const published = form.getByRole("status").filter({ hasText: /^Message published to topic/ });
  await expect(published).toBeVisible();
  const messageId = (await published.getByTestId("published-message-id").textContent()) ?? "";
  expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
  return messageId;
}

test("standard topic: subscribe a queue with a filter policy, publish, the message arrives and the log shows it delivered", async ({ page, context, owner: _owner }) => {
  test.setTimeout(120_000);
  await page.goto("/sns");
  await expect(page.getByText("No topics", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create topic", exact: true }).click();
  await expect(page).toHaveURL(/\/sns\/create$/);

  // Client-side checks before anything is sent.
  await page.getByLabel("Name", { exact: true }).fill("orders.fifo");
  await page.getByLabel("Delivery policy (JSON)").fill("{ not json");
  await page.getByRole("button", { name: "Create topic" }).click();
  await expect(page.getByText("Only FIFO topic names can end with .fifo.")).toBeVisible();
  await expect(page.getByText(/^The delivery policy must be valid JSON/)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();

  await page.getByLabel("Name", { exact: true }).fill("orders");
  await page.getByLabel("Display name - optional").fill("Orders");
  await page.getByLabel("Delivery policy (JSON)").fill("");
  await page.getByRole("button", { name: "Insert default policy" }).click();
  await page.getByRole("button", { name: "Add new tag" }).click();
  await page.getByLabel("Tag 1 key").fill("team");
  await page.getByLabel("Tag 1 value").fill("payments");
  await page.getByRole("button", { name: "Create topic" }).click();
  await expect(page.getByRole("heading", { name: "orders", exact: true })).toBeVisible();
  await expect(page.getByText("Topic orders created successfully.", { exact: false })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Display name\s*Orders/);
  await page.getByRole("tab", { name: "Tags" }).click();
  await expect(page.getByRole("table", { name: "Tags" }).getByRole("row", { name: /team/ })).toContainText("payments");
  await page.getByRole("tab", { name: "Attributes" }).click();
  await expect(page.getByRole("table", { name: "All attributes" }).getByRole("row", { name: /^DeliveryPolicy/ })).toContainText('"numRetries":3');

  // Subscribe a queue, with a filter policy checked as it is typed.
  const queueArn = await createQueue(context, "order-events");
  await page.getByRole("tab", { name: "Subscriptions" }).click();
  await expect(page.getByText("No subscriptions", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create subscription" }).first().click();
  await expect(page.getByRole("heading", { name: "Create subscription" })).toBeVisible();
  await expect(page.getByLabel("Topic ARN")).toHaveValue(/:orders$/);
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByText("Choose a protocol.")).toBeVisible();
  await page.getByLabel("Protocol").selectOption({ label: "Amazon SQS" });
  await page.getByLabel("Endpoint", { exact: true }).fill("not-an-arn");
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByText("Enter the ARN of an SQS queue.")).toBeVisible();
  await page.getByLabel("Endpoint", { exact: true }).fill(queueArn);
  await page.getByLabel("Enable subscription filter policy").check();
  await typeInEditor(page, "Filter policy (JSON)", '{"order": {"color": ["blue"]}}');
  await expect(page.getByText("Filter policy scope MessageAttributes does not support nested filter policy")).toBeVisible();
  await typeInEditor(page, "Filter policy (JSON)", '{"color": ["blue"]}');
  await expect(page.getByText("The filter policy is valid.")).toBeVisible();
  await page.getByRole("button", { name: "Create subscription" }).click();

  await expect(page.getByText("Subscription to orders created successfully.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Status\s*Confirmed/);
  await page.getByRole("tab", { name: "Subscription filter policy" }).click();
  await expect(page.getByRole("tabpanel")).toContainText('"color"');
  await expect(page.getByRole("tabpanel")).toContainText("Message attributes");

  // The list counts it as confirmed.
  await page.goto("/sns");
  await expect(topicRow(page, "orders").getByRole("cell").nth(CONFIRMED)).toHaveText("1");
  await expect(topicRow(page, "orders").getByRole("cell").nth(PENDING)).toHaveText("0");
  await topicRow(page, "orders").getByRole("link", { name: "orders" }).click();
  const subscriptions = page.getByRole("table", { name: "Subscriptions" });
  await expect(subscriptions.getByRole("row", { name: new RegExp(queueArn) })).toContainText("Confirmed");

  // Publish: one message the filter matches, one it doesn't.
  await page.getByRole("button", { name: "Publish message" }).click();
  await expect(page.getByRole("tab", { name: "Publish message" })).toHaveAttribute("aria-selected", "true");
  const form = page.getByRole("form", { name: "Publish message" });
  await form.getByLabel("Message body").fill("");
  await form.getByRole("button", { name: "Publish message" }).click();
  await expect(form.getByText("Enter a message body.")).toBeVisible();
  const delivered = await publishInConsole(page, { subject: "New order", body: '{"order": 42}', attributes: [["color", "String", "blue"]] });
  const skipped = await publishInConsole(page, { body: "red order", attributes: [["color", "String", "red"]] });
  expect(skipped).not.toEqual(delivered);

  // The delivery status log shows the matching message delivered to the queue, and only it.
  await page.getByRole("tab", { name: "Delivery status log" }).click();
  const log = page.getByRole("table", { name: "Deliveries" });
  await expect(log.getByRole("row", { name: new RegExp(delivered) })).toContainText("Delivered");
  await expect(log.getByRole("row", { name: new RegExp(delivered) })).toContainText("order-events");
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(log).not.toContainText(skipped);

  // The queue holds SNS's notification with the message.
  await page.goto("/sqs/queues/order-events/send-receive");
  await pollForMessages(page, { max: 1 });
  await page.getByRole("table", { name: "Received messages" }).getByRole("row").nth(1).getByRole("button").click();
  const details = page.getByRole("dialog", { name: "Message details" });
  const body = details.getByTestId("message-body");
  await expect(body).toContainText('"Type":"Notification"');
  await expect(body).toContainText(`"MessageId":"${delivered}"`);
  await expect(body).toContainText('"Subject":"New order"');
  await expect(body).toContainText('"Message":"{\\"order\\": 42}"');
  await details.getByRole("button", { name: "Done" }).click();

  // Raw delivery, set on the subscription page, sends the message as published.
  await page.goto("/sns/topics/orders");
  await subscriptions.getByRole("row", { name: new RegExp(queueArn) }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Subscription: [0-9a-f-]{36}$/ })).toBeVisible();
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit subscription" });
  await edit.getByLabel("Enable raw message delivery").check();
  await edit.getByLabel("Enable subscription filter policy").uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("main")).toContainText(/Raw message delivery\s*Enabled/);
  await page.getByRole("tab", { name: "Subscription filter policy" }).click();
  await expect(page.getByText("No filter policy")).toBeVisible();
  await page.getByRole("link", { name: "orders", exact: true }).click();
  await publishInConsole(page, { body: "raw and unfiltered" });
  await page.goto("/sqs/queues/order-events/send-receive");
  await pollForMessages(page, { max: 1 });
  await page.getByRole("table", { name: "Received messages" }).getByRole("row").nth(1).getByRole("button").click();
  await expect(details.getByTestId("message-body")).toHaveText("raw and unfiltered");

  // Delete the topic from the list, confirmed by typing "delete me".
  await page.goto("/sns");
  await page.getByRole("radio", { name: "Select orders" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete topic" });
  await expect(confirm.getByRole("button", { name: "Delete" })).toBeDisabled();
  await confirm.getByLabel("To confirm, type “delete me” in the field.").fill("delete me");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No topics", { exact: true })).toBeVisible();
});

test("email subscription: the confirmation lands in the outbox, confirming it delivers notifications, shown as text", async ({ page, context, owner: _owner }) => {
  test.setTimeout(120_000);
  await consoleApi(context).sns.createTopic.mutate({ Name: "alerts", Attributes: { DisplayName: "Alerts" } });
  await page.goto("/sns/subscriptions/create?topic=alerts");
  await page.getByLabel("Protocol").selectOption({ label: "Email" });
  await page.getByLabel("Endpoint", { exact: true }).fill("ops@example.test");
  await expect(page.getByText("The subscription stays pending until the address confirms it")).toBeVisible();
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.getByText("Subscription to alerts created successfully.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Status\s*Pending confirmation/);

  // The topic lists it as pending; it has no ARN yet, so it can't be edited.
  await page.getByRole("link", { name: "alerts", exact: true }).click();
  const subscriptions = page.getByRole("table", { name: "Subscriptions" });
  await expect(subscriptions.getByRole("row", { name: /ops@example\.test/ })).toContainText("Pending confirmation");
  await page.getByRole("radio", { name: "Select email subscription ops@example.test" }).check();
  await expect(page.getByRole("button", { name: "Edit", exact: true }).last()).toBeDisabled();
  // It can be asked to confirm again, as in the AWS console.
  await page.getByRole("button", { name: "Request confirmation" }).click();
  await expect(page.getByText("Confirmation requested again for ops@example.test.")).toBeVisible();

  // Both confirmation messages are in the outbox, with the SubscribeURL as a plain link.
  await page.getByRole("navigation", { name: "Breadcrumbs" }).getByRole("link", { name: "SNS" }).click();
  await page.getByRole("navigation", { name: "SNS" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  const outbox = page.getByRole("table", { name: "Outbox messages" });
  const confirmations = outbox.getByRole("row", { name: /Subscription Confirmation/ });
  await expect(confirmations).toHaveCount(2, { timeout: 30_000 });
  const confirmation = confirmations.first();
  await expect(confirmation).toContainText("ops@example.test");
  await confirmation.getByRole("button", { name: /^View message/ }).click();
  const viewer = page.getByRole("dialog", { name: "Outbox message" });
  await expect(viewer.getByTestId("outbox-body")).toContainText("To confirm this subscription, click or visit the link below");
  const link = viewer.getByRole("link", { name: /Action=ConfirmSubscription/ });
  await expect(link).toHaveAttribute("href", new RegExp(`^${GATEWAY_URL}/\\?Action=ConfirmSubscription&`));
  await expect(link).toHaveAttribute("rel", /noopener/);
  await viewer.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(viewer.getByText("Subscription confirmed")).toBeVisible();
  await viewer.getByRole("button", { name: "Done" }).click();

  // Confirmed: a published message (HTML in it) reaches the outbox as an email, shown as text.
  await page.goto("/sns/topics/alerts");
  await expect(subscriptions.getByRole("row", { name: /ops@example\.test/ })).toContainText("Confirmed");
  const html = `<img src=x onerror="window.__snsXss=1"><b id="injected">bold</b><script>window.__snsXss=2</script>`;
  const messageId = await publishInConsole(page, { subject: "Disk almost full", body: html });
  await page.getByRole("tab", { name: "Delivery status log" }).click();
  await expect(page.getByRole("table", { name: "Deliveries" }).getByRole("row", { name: new RegExp(messageId) })).toContainText("Delivered", { timeout: 30_000 });

  await page.goto("/sns/outbox");
  await page.getByLabel("Protocol").selectOption({ label: "Email" });
  const email = outbox.getByRole("row", { name: /Disk almost full/ });
  await expect(email).toContainText("ops@example.test");
  await email.getByRole("button", { name: /^View message/ }).click();
  await expect(viewer.getByTestId("outbox-body")).toContainText(html);
  await expect(viewer.getByTestId("outbox-body")).toContainText("If you wish to stop receiving notifications from this topic");
  await expect(viewer.getByRole("link", { name: /Action=Unsubscribe/ })).toBeVisible();
  await expect(page.locator("#injected")).toHaveCount(0);
  await expect(viewer.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __snsXss?: number }).__snsXss)).toBeUndefined();
});

test("FIFO topic: the .fifo suffix follows the type, and publishing needs a group ID", async ({ page, owner: _owner }) => {
  await page.goto("/sns/create");
  await page.getByLabel("Name", { exact: true }).fill("payments");
  await page.getByRole("radio", { name: /^FIFO/ }).check();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("payments.fifo");
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("payments");
  await page.getByRole("radio", { name: /^FIFO/ }).check();
  await page.getByLabel("Content-based message deduplication").check();
  await page.getByRole("button", { name: "Create topic" }).click();
  await expect(page.getByRole("heading", { name: "payments.fifo", exact: true })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Type\s*FIFO/);

  // FIFO topics deliver to FIFO queues only: the protocol list says so.
  await page.getByRole("link", { name: "Create subscription" }).first().click();
  await expect(page.getByLabel("Protocol").locator("option")).toHaveText(["Choose a protocol", "Amazon SQS"]);

  await page.goto("/sns/topics/payments.fifo?tab=publish");
  const form = page.getByRole("form", { name: "Publish message" });
  await form.getByLabel("Message body").fill("first payment");
  await form.getByRole("button", { name: "Publish message" }).click();
  await expect(form.getByText("Enter a message group ID: FIFO topics need one.")).toBeVisible();
  await form.getByLabel("Message group ID").fill("customer-1");
  await form.getByRole("button", { name: "Publish message" }).click();
  const published = form.getByRole("status").filter({ hasText: /^Message published to topic payments\.fifo/ });
  await expect(published).toContainText(/Sequence number\s*\d{10,}/);
});

test("video fan-out sample: one click creates the pipeline, and an upload moves through all three lanes", async ({ page, owner: _owner }) => {
  test.setTimeout(120_000);
  await page.goto("/sns");
  await page.getByRole("link", { name: "Create sample: video fan-out" }).click();
  await expect(page.getByRole("heading", { name: "Sample: video fan-out" })).toBeVisible();
  await page.getByRole("button", { name: "Create sample: video fan-out" }).click();

  // A 2160-line upload passes the 1080p filter too: every lane's function runs once.
  await page.getByRole("button", { name: "Upload a 2160-line video" }).click();
  await expect(page.getByRole("alert").or(page.getByRole("status")).filter({ hasText: /Published upload event/ })).toBeVisible();
  await expect(page.getByTestId("published")).toHaveText("1");
  for (const rendition of ["1080p", "720p", "480p"]) {
    const lane = page.getByTestId(`lane-${rendition}`);
    await expect(lane.getByTestId("invocations")).toHaveText("1", { timeout: 60_000 });
    await expect(lane.getByTestId("visible")).toHaveText("0");
  }

  // A 720-line upload skips the 1080p lane.
  await page.getByRole("button", { name: "Upload a 720-line video" }).click();
  await expect(page.getByTestId("published")).toHaveText("2");
  await expect(page.getByTestId("lane-720p").getByTestId("invocations")).toHaveText("2", { timeout: 60_000 });
  await expect(page.getByTestId("lane-480p").getByTestId("invocations")).toHaveText("2", { timeout: 60_000 });
  await expect(page.getByTestId("lane-1080p").getByTestId("invocations")).toHaveText("1");
});

test("viewers see topics but cannot create or publish", async ({ context, owner, otherContext }) => {
  await consoleApi(context).sns.createTopic.mutate({ Name: "shared" });
  await joinTeam(context, owner, otherContext, "viewer");
  const viewerPage = await otherContext.newPage();
  await viewerPage.goto("/sns");
  await expect(topicRow(viewerPage, "shared")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create topic" })).toBeDisabled();
  await viewerPage.goto("/sns/topics/shared?tab=publish");
  await expect(viewerPage.getByRole("form", { name: "Publish message" }).getByRole("button", { name: "Publish message" })).toBeDisabled();
  await expect(consoleApi(otherContext).sns.createTopic.mutate({ Name: "nope" })).rejects.toMatchObject({ data: { httpStatus: 403 } });
});

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Screenshots of the SNS pages for a person to review, at desktop and phone sizes. */
test("SNS pages at desktop and mobile sizes", async ({ page, context, owner: _owner }) => {
  test.setTimeout(120_000);
  const api = consoleApi(context);
  const { TopicArn } = await api.sns.createTopic.mutate({ Name: "orders", Attributes: { DisplayName: "Orders" }, Tags: [{ Key: "team", Value: "payments" }] });
  await api.sns.createTopic.mutate({ Name: "payments.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } });
  const queueArn = await createQueue(context, "order-events");
  const { SubscriptionArn } = await api.sns.subscribe.mutate({
    TopicArn,
    Protocol: "sqs",
    Endpoint: queueArn,
    Attributes: { FilterPolicy: JSON.stringify({ color: ["blue", "green"] }), RawMessageDelivery: "true" },
  });
  await api.sns.subscribe.mutate({ TopicArn, Protocol: "email", Endpoint: "ops@example.test" });
  await api.sns.subscribe.mutate({ TopicArn, Protocol: "sms", Endpoint: "+12065550100" });
  for (const color of ["blue", "red"]) {
    await api.sns.publish.mutate({ TopicArn, Subject: "New order", Message: JSON.stringify({ order: 42, color }), MessageAttributes: { color: { DataType: "String", StringValue: color } } });
  }
  const subscriptionPath = `/sns/subscriptions/${encodeURIComponent(SubscriptionArn.split(":").slice(5).join(":"))}`;

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const shot = (name: string) => page.screenshot({ path: `test-results/screenshots/sns-${name}-${viewport.width}x${viewport.height}.png`, fullPage: true });
    const settled = () => expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);

    await page.goto("/sns");
    await expect(topicRow(page, "orders")).toBeVisible();
    await settled();
    await shot("list");

    await page.goto("/sns/create");
    await page.getByRole("radio", { name: /^FIFO/ }).check();
    await shot("create");

    await page.goto("/sns/topics/orders");
    await expect(page.getByRole("table", { name: "Subscriptions" }).getByRole("row")).toHaveCount(4);
    await settled();
    await shot("topic");
    await page.getByRole("tab", { name: "Publish message" }).click();
    await page.getByRole("button", { name: "Add attribute" }).click();
    await page.getByLabel("Attribute 1 name").fill("color");
    await page.getByLabel("Attribute 1 value").fill("blue");
    await shot("publish");
    await page.getByRole("tab", { name: "Delivery status log" }).click();
    await expect(page.getByRole("table", { name: "Deliveries" }).getByRole("row").nth(1)).toBeVisible();
    await shot("deliveries");

    await page.goto("/sns/subscriptions/create?topic=orders");
    await page.getByLabel("Protocol").selectOption({ label: "Amazon SQS" });
    await page.getByLabel("Enable subscription filter policy").check();
    await page.getByRole("button", { name: "Insert example" }).click();
    await expect(page.getByText("The filter policy is valid.")).toBeVisible();
    await shot("subscribe");

    await page.goto(subscriptionPath);
    await expect(page.getByRole("main")).toContainText(/Status\s*Confirmed/);
    await shot("subscription");
    await page.getByRole("button", { name: "Edit" }).click();
    await page.screenshot({ path: `test-results/screenshots/sns-edit-subscription-${viewport.width}x${viewport.height}.png` });
    await page.getByRole("dialog", { name: "Edit subscription" }).getByRole("button", { name: "Cancel" }).click();

    await page.goto("/sns/outbox");
    await expect(page.getByRole("table", { name: "Outbox messages" }).getByRole("row", { name: /Subscription Confirmation/ })).toBeVisible({ timeout: 30_000 });
    await settled();
    await shot("outbox");
    await page.getByRole("table", { name: "Outbox messages" }).getByRole("row", { name: /Subscription Confirmation/ }).getByRole("button").click();
    await expect(page.getByRole("dialog", { name: "Outbox message" })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/sns-outbox-message-${viewport.width}x${viewport.height}.png` });
    await page.getByRole("dialog", { name: "Outbox message" }).getByRole("button", { name: "Done" }).click();
  }
});
