/**
 * Sequence numbers are 56-digit decimal strings, as on AWS. Ours are `4`, the stream's creation time
 * (epoch ms, 13 digits), the shard index (10 digits) and the record's counter within the shard (32
 * digits), so two numbers of one shard compare by numeric value, and a number tells which stream
 * incarnation and shard it came from. Counter 0 is the shard's StartingSequenceNumber; records count from 1.
 */
const FORMAT = /^4(\d{13})(\d{10})(\d{32})$/;

export function sequenceNumber(streamCreatedAt: Date, shardIndex: number, counter: bigint): string {
  return `4${String(streamCreatedAt.getTime()).padStart(13, "0")}${String(shardIndex).padStart(10, "0")}${counter.toString().padStart(32, "0")}`;
}

export interface DecodedSequenceNumber {
  streamCreatedMs: number;
  shardIndex: number;
  counter: bigint;
}

/** The parts of one of our sequence numbers, or null when the string is not one. */
export function decodeSequenceNumber(value: string): DecodedSequenceNumber | null {
  const match = FORMAT.exec(value);
  if (!match) return null;
  return { streamCreatedMs: Number(match[1]), shardIndex: Number(match[2]), counter: BigInt(match[3]!) };
}
