import { arn, parseArn } from "../../lib/arn";

export interface StreamLocation {
  accountId: string;
  region: string;
  name: string;
}

/** `arn:aws:kinesis:<region>:<account>:stream/<name>` */
export const streamArn = (region: string, accountId: string, name: string) => arn("kinesis", region, accountId, `stream/${name}`);

/** `<stream ARN>/consumer/<name>:<creation epoch seconds>`: a consumer registered again under the same name gets a new ARN. */
export const consumerArn = (streamArnValue: string, name: string, createdAt: Date) =>
  `${streamArnValue}/consumer/${name}:${Math.floor(createdAt.getTime() / 1000)}`;

/** The stream a stream ARN names, or null when it is not a Kinesis stream ARN. */
export function parseStreamArn(value: string): StreamLocation | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "kinesis") return null;
  const match = /^stream\/([a-zA-Z0-9_.-]+)$/.exec(parsed.resource);
  return match ? { accountId: parsed.accountId, region: parsed.region, name: match[1]! } : null;
}

/** The stream and consumer a consumer ARN names (its creation time in epoch seconds), or null. */
export function parseConsumerArn(value: string): (StreamLocation & { consumerName: string; createdEpochSeconds: number }) | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "kinesis") return null;
  const match = /^stream\/([a-zA-Z0-9_.-]+)\/consumer\/([a-zA-Z0-9_.-]+):(\d+)$/.exec(parsed.resource);
  if (!match) return null;
  return { accountId: parsed.accountId, region: parsed.region, name: match[1]!, consumerName: match[2]!, createdEpochSeconds: Number(match[3]) };
}
