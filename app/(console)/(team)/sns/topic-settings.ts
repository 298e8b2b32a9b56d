/** Topic settings as the console edits them: name rules and choices. */

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export function topicNameError(name: string, fifo: boolean): string | undefined {
  if (!name) return "Enter a topic name.";
  if (fifo) {
    if (!name.endsWith(".fifo")) return "FIFO topic names must end with .fifo.";
    return FIFO_TOPIC_NAME.test(name) ? undefined : "Use up to 256 characters: letters, digits, hyphens (-) and underscores (_), then .fifo.";
  }
  if (name.endsWith(".fifo")) return "Only FIFO topic names can end with .fifo.";
  return TOPIC_NAME.test(name) ? undefined : "Use up to 256 characters: letters, digits, hyphens (-) and underscores (_).";
}

export const SIGNATURE_VERSIONS = [
  { value: "1", label: "Version 1 (SHA1)" },
  { value: "2", label: "Version 2 (SHA256)" },
] as const;

export const TRACING_CONFIGS = [
  { value: "PassThrough", label: "Pass through" },
  { value: "Active", label: "Active" },
] as const;

export const FIFO_THROUGHPUT_SCOPES = [
  { value: "Topic", label: "Topic" },
  { value: "MessageGroup", label: "Message group" },
] as const;

export type FifoThroughputScope = (typeof FIFO_THROUGHPUT_SCOPES)[number]["value"];
