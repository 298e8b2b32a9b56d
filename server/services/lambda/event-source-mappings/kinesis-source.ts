/**
 * The Kinesis stream a mapping reads: its event source ARN names the stream, or one of the stream's
 * consumers (enhanced fan-out), whose stream is read then.
 */
import type { Db } from "../../../db/client";
import { isAwsError } from "../../../errors";
import { parseConsumerArn } from "../../kinesis/arns";
import type { StreamRecord } from "../../kinesis/model";
import { findConsumerByArn, findStream, type Scope } from "../../kinesis/store";

/** The stream, if it (and the consumer, when the ARN names one) exists in the caller's account and region. */
export async function findSourceStream(db: Db, scope: Scope, eventSourceArn: string): Promise<StreamRecord | null> {
  try {
    if (parseConsumerArn(eventSourceArn)) return (await findConsumerByArn(db, scope, eventSourceArn)).stream;
    return await findStream(db, scope, { StreamARN: eventSourceArn });
  } catch (error) {
    if (isAwsError(error) && error.code === "ResourceNotFoundException") return null;
    throw error;
  }
}
