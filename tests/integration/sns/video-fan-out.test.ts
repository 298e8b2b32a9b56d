// The console's "video fan-out" sample end to end: created through tRPC, then driven and checked with the
// AWS SDK — one upload event fans out to three queues, each drained by its function through a mapping.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FilterLogEventsCommand, ResourceNotFoundException } from "@aws-sdk/client-cloudwatch-logs";
import * as lambda from "@aws-sdk/client-lambda";
import * as sns from "@aws-sdk/client-sns";
import { trpcAs } from "../../helpers/fixtures";
import { type SnsHarness, startSnsHarness, waitFor } from "./harness";

let h: SnsHarness;
before(async () => {
  h = await startSnsHarness();
});
after(() => h.close());

async function transcodedKeys(rendition: string): Promise<string[]> {
  const { events = [] } = await h.logs
    .send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/video-transcode-${rendition}`, filterPattern: '"Transcoding"' }))
    // The log group appears with the function's first invocation.
    .catch((error: unknown) => {
      if (error instanceof ResourceNotFoundException) return { events: [] };
      throw error;
    });
  return events.map((e) => /uploads\/[^ ]+/.exec(e.message ?? "")?.[0] ?? "");
}

describe("video fan-out sample", () => {
  it("creates the pipeline, delivers each upload to the renditions its filter allows, and reports the flow", async () => {
    const console = trpcAs(h.team, { accountId: h.team.accountId });
    const { TopicArn } = await console.sns.createVideoFanOutSample();
    // Creating it again repairs rather than fails.
    assert.deepEqual(await console.sns.createVideoFanOutSample(), { TopicArn });

    const { Subscriptions = [] } = await h.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.deepEqual(Subscriptions.map((s) => s.Endpoint!.split(":").at(-1)).sort(), ["video-transcode-1080p", "video-transcode-480p", "video-transcode-720p"]);
    const filtered = Subscriptions.find((s) => s.Endpoint!.endsWith("1080p"))!;
    const { Attributes } = await h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: filtered.SubscriptionArn }));
    assert.equal(Attributes?.FilterPolicy, JSON.stringify({ sourceHeight: [{ numeric: [">=", 1080] }] }));

    const { EventSourceMappings = [] } = await h.client.send(new lambda.ListEventSourceMappingsCommand({}));
    const mine = EventSourceMappings.filter((m) => m.FunctionArn?.includes("video-transcode-"));
    assert.equal(mine.length, 3);
    await waitFor("the mappings to be enabled", async () => {
      const states = await Promise.all(mine.map((m) => h.client.send(new lambda.GetEventSourceMappingCommand({ UUID: m.UUID }))));
      return states.every((s) => s.State === "Enabled") || undefined;
    }, 20_000);

    const { MessageId: hd } = await console.sns.publishSampleUpload({ sourceHeight: 720 });
    const { MessageId: uhd } = await console.sns.publishSampleUpload({ sourceHeight: 2160 });
    assert.ok(hd && uhd);

    await waitFor("both uploads transcoded to 720p and 480p, only the 2160-line one to 1080p", async () => {
      const [p1080, p720, p480] = await Promise.all(["1080p", "720p", "480p"].map(transcodedKeys));
      return (p1080!.length === 1 && p720!.length === 2 && p480!.length === 2) || undefined;
    }, 30_000);

    // Invocation records are written after the function has answered (and logged).
    const status = await waitFor("the flow to show every lane's invocation", async () => {
      const current = await console.sns.videoFanOutStatus();
      return current.exists && current.lanes.every((l) => l.invocations >= 1) ? current : undefined;
    });
    assert.ok(status.exists);
    assert.equal(status.published, 2);
    assert.deepEqual(status.lanes.map((l) => l.rendition), ["1080p", "720p", "480p"]);
    for (const lane of status.lanes) {
      assert.equal(lane.errors, 0);
      assert.deepEqual(lane.messages, { visible: 0, inFlight: 0 });
    }
  });
});
