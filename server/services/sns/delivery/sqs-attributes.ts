import type { MessageAttributeInput } from "../../sqs/message-validation";
import type { MessageAttribute } from "../message-attributes";

/** Raw delivery to SQS carries the message attributes as SQS message attributes (String.Array stays a custom String type). */
export function sqsAttributes(attributes: Record<string, MessageAttribute>): Record<string, MessageAttributeInput> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      a.BinaryValue !== undefined ? { DataType: a.DataType, BinaryValue: Buffer.from(a.BinaryValue, "base64") } : { DataType: a.DataType, StringValue: a.StringValue },
    ]),
  );
}
