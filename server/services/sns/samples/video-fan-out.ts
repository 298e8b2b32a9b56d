/**
 * The "video fan-out" sample: an upload event published to one topic fans out to three queues (1080p,
 * 720p and 480p renditions), each drained by a function through an event source mapping; the 1080p
 * subscription filters out uploads shorter than 1080 lines. Everything is created through the same
 * operations the SDK calls, so the sample is an ordinary set of resources the team can inspect and change.
 */
import type { z } from "zod";
import type { PrismaClient } from "../../../db/client";
import { isAwsError } from "../../../errors";
import type { CallContext } from "../../context";
import { zipInlineFiles } from "../../lambda/code";
import { iamOperations } from "../../iam/operations";
import { serviceTrustPolicy } from "../../iam/trust-policies";
import { lambdaOperations } from "../../lambda/operations";
import type { ServiceOperation } from "../../operation";
import { queueArn } from "../../sqs/addressing";
import { countMessages } from "../../sqs/queues";
import { findQueue } from "../../sqs/store";
import { sqsOperations } from "../../sqs/operations";
import { topicArn } from "../arns";
import { snsOperations } from "../operations";

export const SAMPLE_TOPIC = "video-uploads";
export const RENDITIONS = [
  { name: "1080p", filterPolicy: { sourceHeight: [{ numeric: [">=", 1080] }] } },
  { name: "720p" },
  { name: "480p" },
] as const;

const laneName = (rendition: string) => `video-transcode-${rendition}`;

const ROLE_NAME = "video-transcoder";
/** What the transcoders need: to drain their queues (the event source mappings act as this role) and to write logs. */
const ROLE_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";

function handlerSource(rendition: string): string {
  return `// Transcodes uploaded videos to ${rendition} (the sample only logs what it would do).
exports.handler = async (event) => {
  for (const record of event.Records) {
    const upload = JSON.parse(record.body);
    console.log(\`Transcoding s3://\${upload.bucket}/\${upload.key} (\${upload.sourceHeight} lines) to ${rendition}\`);
  }
  return { batchItemFailures: [] };
};
`;
}

/** Runs an operation as its callers do: the input through the operation's schema first. */
function run<S extends z.ZodTypeAny, O>(operation: ServiceOperation<S, O>, db: PrismaClient, ctx: CallContext, input: z.input<S>): Promise<O> {
  return operation.handler(db, ctx, operation.input.parse(input));
}

/** Creating what already exists is fine: the sample can be created again to repair a partial one. */
async function unlessExists(create: () => Promise<unknown>, conflict: string): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!(isAwsError(error) && error.code === conflict)) throw error;
  }
}

/** The transcoders' execution role: Lambda may assume it, and it may read the sample's queues. */
async function createTranscoderRole(db: PrismaClient, ctx: CallContext): Promise<string> {
  await unlessExists(() => run(iamOperations.CreateRole, db, ctx, { RoleName: ROLE_NAME, AssumeRolePolicyDocument: serviceTrustPolicy("lambda.amazonaws.com"), Description: "Video fan-out sample: the transcoders' execution role" }), "EntityAlreadyExistsException");
  await run(iamOperations.AttachRolePolicy, db, ctx, { RoleName: ROLE_NAME, PolicyArn: ROLE_POLICY });
  return `arn:aws:iam::${ctx.accountId}:role/${ROLE_NAME}`;
}

export async function createVideoFanOutSample(db: PrismaClient, ctx: CallContext): Promise<{ TopicArn: string }> {
  const role = await createTranscoderRole(db, ctx);
  const { TopicArn } = await run(snsOperations.CreateTopic, db, ctx, { Name: SAMPLE_TOPIC, Attributes: { DisplayName: "Video uploads" } });
  for (const rendition of RENDITIONS) {
    const name = laneName(rendition.name);
    await run(sqsOperations.CreateQueue, db, ctx, { QueueName: name, Attributes: { VisibilityTimeout: "60" } });
    const arn = queueArn(ctx.region, ctx.accountId, name);
    await run(snsOperations.Subscribe, db, ctx, {
      TopicArn,
      Protocol: "sqs",
      Endpoint: arn,
      Attributes: { RawMessageDelivery: "true", ...("filterPolicy" in rendition && { FilterPolicy: JSON.stringify(rendition.filterPolicy) }) },
    });
    await unlessExists(
      () =>
        run(lambdaOperations.CreateFunction, db, ctx, {
          FunctionName: name,
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Role: role,
          Timeout: 10,
          Description: `Video fan-out sample: transcodes uploads to ${rendition.name}`,
          Code: { ZipFile: zipInlineFiles([{ path: "index.js", content: handlerSource(rendition.name) }]).toString("base64") },
        }),
      "ResourceConflictException",
    );
    await unlessExists(
      () =>
        run(lambdaOperations.CreateEventSourceMapping, db, ctx, {
          EventSourceArn: arn,
          FunctionName: name,
          BatchSize: 10,
          FunctionResponseTypes: ["ReportBatchItemFailures"],
        }),
      "ResourceConflictException",
    );
  }
  return { TopicArn: TopicArn! };
}

/** Publishes an upload event the way an uploader would: the details in the body, the height as a filterable attribute. */
export async function publishSampleUpload(db: PrismaClient, ctx: CallContext, input: { sourceHeight: number }) {
  const key = `uploads/video-${Date.now()}.mp4`;
  return run(snsOperations.Publish, db, ctx, {
    TopicArn: topicArn(ctx.region, ctx.accountId, SAMPLE_TOPIC),
    Subject: "Video uploaded",
    Message: JSON.stringify({ bucket: "sample-videos", key, sourceHeight: input.sourceHeight }),
    MessageAttributes: { sourceHeight: { DataType: "Number", StringValue: String(input.sourceHeight) } },
  });
}

export interface LaneStatus {
  rendition: string;
  queueName: string;
  functionName: string;
  filterPolicy?: string;
  messages: { visible: number; inFlight: number } | null;
  invocations: number;
  errors: number;
  recent: { requestId: string; startedAt: Date; durationMs: number; failed: boolean }[];
}

/** What the flow page shows, read fresh on every poll: queue depths and each function's recent invocations. */
export async function videoFanOutStatus(db: PrismaClient, ctx: CallContext) {
  const arn = topicArn(ctx.region, ctx.accountId, SAMPLE_TOPIC);
  const topic = await db.snsTopic.findUnique({ where: { accountId_region_name: { accountId: ctx.accountId, region: ctx.region, name: SAMPLE_TOPIC } } });
  if (!topic) return { exists: false as const };
  const since = new Date(Date.now() - 15 * 60_000);
  const published = await db.snsMessage.count({ where: { accountId: ctx.accountId, region: ctx.region, target: arn, publishedAt: { gte: since } } });
  const lanes: LaneStatus[] = [];
  for (const rendition of RENDITIONS) {
    const name = laneName(rendition.name);
    const queue = await findQueue(db, ctx.accountId, ctx.region, name);
    const counts = queue ? await countMessages(queue) : null;
    const where = { accountId: ctx.accountId, region: ctx.region, functionName: name, startedAt: { gte: since } };
    const [invocations, errors, recent] = await Promise.all([
      db.lambdaInvocation.count({ where }),
      db.lambdaInvocation.count({ where: { ...where, functionError: { not: null } } }),
      db.lambdaInvocation.findMany({ where, orderBy: { startedAt: "desc" }, take: 5 }),
    ]);
    lanes.push({
      rendition: rendition.name,
      queueName: name,
      functionName: name,
      filterPolicy: "filterPolicy" in rendition ? JSON.stringify(rendition.filterPolicy) : undefined,
      messages: counts && { visible: counts.visible, inFlight: counts.notVisible },
      invocations,
      errors,
      recent: recent.map((r) => ({ requestId: r.requestId, startedAt: r.startedAt, durationMs: r.durationMs, failed: r.functionError !== null })),
    });
  }
  return { exists: true as const, topicArn: arn, published, lanes };
}
