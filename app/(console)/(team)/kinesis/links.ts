/** The console's Kinesis addresses. */
export type StreamTab = "viewer" | "monitoring" | "shards" | "configuration" | "consumers" | "tags";

export const STREAM_TABS: readonly StreamTab[] = ["viewer", "monitoring", "shards", "configuration", "consumers", "tags"];

export function isStreamTab(value: string | undefined): value is StreamTab {
  return STREAM_TABS.some((tab) => tab === value);
}

/** A stream's page; the data viewer is its first tab, so that one needs no `tab` in the address. */
export function streamHref(name: string, tab?: StreamTab): string {
  return `/kinesis/streams/${encodeURIComponent(name)}${tab && tab !== "viewer" ? `?tab=${tab}` : ""}`;
}
