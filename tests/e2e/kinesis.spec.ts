import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const id = (n: number) => `shardId-${String(n).padStart(12, "0")}`;
const HALF = (1n << 127n).toString();
const BELOW_HALF = ((1n << 127n) - 1n).toString();
const MAX = ((1n << 128n) - 1n).toString();

/** The row of the Shards table for `shardId` (its radio button is named after it; other rows may name it as their parent). */
function shardRow(page: Page, shardId: string): Locator {
  return page.getByRole("table", { name: "Shards" }).getByRole("row").filter({ has: page.getByRole("radio", { name: `Select ${shardId}`, exact: true }) });
}

/** Puts a record with the Put record form; answers the sequence number the console shows for it. */
async function putRecord(page: Page, record: { partitionKey: string; data: string; explicitHashKey?: string }): Promise<string> {
  const form = page.getByRole("form", { name: "Put record" });
  const sequenceNumber = form.getByTestId("put-record-sequence-number");
  const previous = (await sequenceNumber.count()) > 0 ? await sequenceNumber.textContent() : null;
  await form.getByLabel("Partition key").fill(record.partitionKey);
  await form.getByLabel("Explicit hash key - optional").fill(record.explicitHashKey ?? "");
  await form.getByLabel("Data", { exact: true }).fill(record.data);
  await form.getByRole("button", { name: "Put record" }).click();
  await expect(sequenceNumber).toHaveText(/^\d{56}$/);
  if (previous !== null) await expect(sequenceNumber).not.toHaveText(previous);
  return (await sequenceNumber.textContent()) ?? "";
}

/** Starts the data viewer on `shardId` from `position`, and waits for its first read to come back. */
async function startViewer(page: Page, shardId: string, position: string): Promise<void> {
  const viewer = page.getByRole("form", { name: "Data viewer" });
  await viewer.getByLabel("Shard").selectOption(shardId);
  await viewer.getByLabel("Starting position").selectOption({ label: position });
  const firstRead = page.waitForResponse((response) => response.url().includes("kinesis.readShard"));
  await viewer.getByRole("button", { name: "Start" }).click();
  await firstRead;
}

test("data stream: create it, put records and watch them arrive live, split a shard and read on in its children", async ({ page, owner: _owner }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: /^Kinesis/ }).click();
  await expect(page).toHaveURL(/\/kinesis$/);
  await expect(page.getByText("No data streams", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create data stream", exact: true }).click();
  await expect(page).toHaveURL(/\/kinesis\/create$/);

  // Checked in the browser before anything is sent.
  await page.getByLabel("Data stream name").fill("click stream!");
  await page.getByRole("radio", { name: /^Provisioned/ }).check();
  await page.getByLabel("Provisioned shards").fill("0");
  await page.getByRole("button", { name: "Create data stream" }).click();
  await expect(page.getByText("Stream names can contain letters, digits, hyphens (-), underscores (_) and periods (.).")).toBeVisible();
  await expect(page.getByText("Enter a whole number of shards from 1 to 500.")).toBeVisible();

  await page.getByLabel("Data stream name").fill("clickstream");
  await page.getByLabel("Provisioned shards").fill("1");
  await expect(page.getByRole("main")).toContainText(/Write capacity\s*1 MiB\/s and 1,000 records\/s/);
  await page.getByRole("button", { name: "Create data stream" }).click();
  await expect(page.getByRole("heading", { name: "clickstream", exact: true })).toBeVisible();
  await expect(page.getByText("Data stream clickstream created successfully.", { exact: false })).toBeVisible();
  const summary = page.getByRole("region", { name: "Data stream summary" });
  await expect(summary).toContainText(/Capacity mode\s*Provisioned/);
  await expect(summary).toContainText(/Open shards\s*1/);

  // The viewer tails the only shard; records put with the form show up in it.
  const viewer = page.getByRole("form", { name: "Data viewer" });
  const records = page.getByRole("table", { name: "Records" });
  await expect(viewer.getByLabel("Shard")).toHaveValue(id(0));
  await startViewer(page, id(0), "Trim horizon");
  await expect(viewer.getByRole("status")).toHaveText(`Reading ${id(0)}: 0 records`);
  await expect(page.getByText("Waiting for records", { exact: true })).toBeVisible();
  const json = await putRecord(page, { partitionKey: "user-1", data: '{"page":"/home","ms":42}' });
  const text = await putRecord(page, { partitionKey: "user-2", data: "hello" });
  await expect(records.getByRole("row", { name: new RegExp(json) })).toContainText("user-1");
  await expect(records.getByRole("row", { name: new RegExp(text) })).toContainText("hello");
  await expect(viewer.getByRole("status")).toHaveText(`Reading ${id(0)}: 2 records`);

  // A record's data as JSON and as a hex dump.
  await records.getByRole("button", { name: `View record ${json}` }).click();
  const details = page.getByRole("dialog", { name: "Record" });
  await expect(details.getByRole("tab", { name: "JSON" })).toHaveAttribute("aria-selected", "true");
  await expect(details.getByRole("group", { name: "Data as JSON" })).toContainText('"page": "/home"');
  await details.getByRole("tab", { name: "Hex" }).click();
  await expect(details.getByRole("group", { name: "Data as hex" })).toContainText('00000000  7b 22 70 61 67 65 22 3a 22 2f 68 6f 6d 65 22 2c  |{"page":"/home",|');
  await details.getByRole("button", { name: "Done" }).click();
  await viewer.getByRole("button", { name: "Stop" }).click();
  await expect(viewer.getByRole("status")).toHaveText("Stopped");

  // From "Latest", only what is put after the viewer started.
  await startViewer(page, id(0), "Latest");
  const latest = await putRecord(page, { partitionKey: "user-3", data: "after the start" });
  await expect(records.getByRole("row", { name: new RegExp(latest) })).toContainText("after the start");
  await expect(records.getByRole("row")).toHaveCount(2);
  await viewer.getByRole("button", { name: "Stop" }).click();

  // A position the shard can't have stops the viewer with the service's reason.
  await viewer.getByLabel("Starting position").selectOption({ label: "At sequence number" });
  await viewer.getByLabel("Sequence number").fill("12345");
  await viewer.getByRole("button", { name: "Start" }).click();
  await expect(viewer.getByRole("alert")).toContainText(`StartingSequenceNumber 12345 used in GetShardIterator on shard ${id(0)} in stream clickstream`);
  await expect(viewer.getByRole("status")).toHaveText("Stopped");

  // The stream's per-minute metrics.
  await page.getByRole("tab", { name: "Monitoring" }).click();
  for (const chart of ["Incoming data (bytes)", "Incoming data (records)", "GetRecords: iterator age (max)", "Write throughput exceeded (records)"]) {
    await expect(page.getByText(chart, { exact: true })).toBeVisible();
  }
  await expect(page.getByLabel("Time range")).toHaveValue("60");

  // Split the shard at its midpoint: it closes, and two children take its hash keys.
  await page.getByRole("tab", { name: "Shards" }).click();
  await shardRow(page, id(0)).getByRole("radio").check();
  await page.getByRole("button", { name: "Split shard" }).click();
  const split = page.getByRole("dialog", { name: `Split ${id(0)}` });
  await expect(split.getByLabel("New starting hash key")).toHaveValue(HALF);
  await split.getByRole("button", { name: "Split shard" }).click();
  await expect(page.getByText(`Shard ${id(0)} was split into two new shards.`)).toBeVisible();
  await expect(shardRow(page, id(0))).toContainText("Closed");
  await expect(shardRow(page, id(1))).toContainText("Open");
  await expect(shardRow(page, id(1)).getByRole("cell").nth(4)).toHaveText("0");
  await expect(shardRow(page, id(1)).getByRole("cell").nth(5)).toHaveText(BELOW_HALF);
  await expect(shardRow(page, id(1)).getByRole("cell").nth(3)).toHaveText(id(0));
  await expect(shardRow(page, id(2))).toContainText("Open");
  await expect(shardRow(page, id(2)).getByRole("cell").nth(4)).toHaveText(HALF);
  await expect(shardRow(page, id(2)).getByRole("cell").nth(5)).toHaveText(MAX);
  await expect(shardRow(page, id(2)).getByRole("cell").nth(3)).toHaveText(id(0));
  await expect(summary).toContainText(/Open shards\s*2/);

  // The viewer reads the closed parent to its end, then follows a child.
  await page.getByRole("tab", { name: "Data viewer" }).click();
  const upper = await putRecord(page, { partitionKey: "user-4", data: "in the upper child", explicitHashKey: MAX });
  await expect(page.getByTestId("put-record-shard")).toHaveText(id(2));
  await startViewer(page, id(0), "Trim horizon");
  await expect(page.getByText(`Shard ${id(0)} is closed and has been read to its end.`)).toBeVisible();
  await expect(records.getByRole("row")).toHaveCount(4);
  await viewer.getByRole("button", { name: `Read ${id(2)}` }).click();
  await expect(records.getByRole("row", { name: new RegExp(upper) })).toContainText("in the upper child");
  await expect(viewer.getByLabel("Shard")).toHaveValue(id(2));
  await viewer.getByRole("button", { name: "Stop" }).click();

  // The list shows the stream as it is now.
  await page.getByRole("link", { name: "Data streams", exact: true }).click();
  const row = page.getByRole("table", { name: "Data streams" }).getByRole("row").filter({ has: page.getByRole("link", { name: "clickstream", exact: true }) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Provisioned");
  await expect(row.getByRole("cell").nth(4)).toHaveText("2");
  await expect(row).toContainText("1 day");
});
