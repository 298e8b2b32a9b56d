/** Renders the SNS benchmark's results: a console table and the bench/README.md section. */
import { cpuTableRows } from "../lib/cpu";
import type { MachineInfo } from "../lib/machine";
import { type ComparisonRow, consoleComparison, consoleCpuSections, consoleHeader, consoleTargets, markdownComparison, markdownHeader, markdownTargets, type TargetRow } from "../lib/report";
import { fmt, type Summary } from "../lib/stats";
import { type HttpDeliveryResult, type PublishLatencyResult, type PublishThroughputResult, type PublishToQueueResult, QUEUES_PER_TOPIC } from "./workloads";

export interface TargetResults {
  publish?: PublishLatencyResult;
  toQueue?: PublishToQueueResult;
  throughput?: PublishThroughputResult;
  http?: HttpDeliveryResult;
  /** Why there are no HTTP figures for this server. */
  httpUnavailable?: string;
}

export interface SnsResults {
  machine: MachineInfo;
  loadAtEnd: [number, number, number];
  command: string;
  options: Record<string, number | string>;
  elapsedSeconds: number;
  stratus: TargetResults;
  moto: TargetResults;
}

export const GOALS = { publishToQueueP50Ms: 10 };

export const CPU_NAMES = {
  self: "benchmark client (SDK, HTTP receiver)",
  gateway: "Stratus gateway",
  workers: "Stratus workers process",
  moto: "moto_server",
  postgres: "Postgres (all backends)",
  redis: "Redis",
  other: "everything else on the machine",
};

export function targets(r: SnsResults): TargetRow[] {
  const e2e = r.stratus.toQueue;
  const t = r.stratus.throughput;
  const h = r.stratus.http?.burst;
  return [
    {
      name: `Publish → queue p50 ≤ ${GOALS.publishToQueueP50Ms} ms (Publish sent → a waiting long poll returned the message)`,
      measured: e2e ? `${fmt(e2e.afterPublishStarts.p50)} ms${e2e.misses ? ` (${e2e.misses} misses)` : ""}` : "n/a",
      pass: e2e ? e2e.misses === 0 && e2e.afterPublishStarts.p50 <= GOALS.publishToQueueP50Ms : undefined,
    },
    {
      name: `Throughput run: every accepted publish is in all ${QUEUES_PER_TOPIC} queues (ApproximateNumberOfMessages)`,
      measured: t ? `${t.depths.join(" / ")} of ${t.published}${t.errors ? `, ${t.errors} errors` : ""}` : "n/a",
      pass: t ? t.verified && t.errors === 0 : undefined,
    },
    {
      name: "HTTP burst: every accepted publish reached the receiver",
      measured: h ? `${h.received} of ${h.accepted}${h.errors ? `, ${h.errors} errors` : ""}` : "n/a",
      pass: h ? h.received === h.accepted && h.errors === 0 && h.accepted === h.count : undefined,
    },
  ];
}

function rows(r: SnsResults): ComparisonRow[] {
  const s = r.stratus;
  const m = r.moto;
  const lat = (label: string, pick: (t: TargetResults) => Summary | undefined, p: keyof Summary): ComparisonRow => ({ label, unit: "ms", stratus: pick(s)?.[p], moto: pick(m)?.[p] });
  const n = (label: string, unit: string, pick: (t: TargetResults) => number | undefined): ComparisonRow => ({ label, unit, stratus: pick(s), moto: pick(m) });
  const publishers = s.throughput?.publishers ?? m.throughput?.publishers ?? r.options.publishers;
  const httpPublishers = s.http?.burst.publishers ?? m.http?.burst.publishers ?? r.options["HTTP publishers"];
  return [
    lat("Publish p50 (topic with 3 queue subscriptions)", (t) => t.publish?.sdk, "p50"),
    lat("Publish p90", (t) => t.publish?.sdk, "p90"),
    lat("Publish p99", (t) => t.publish?.sdk, "p99"),
    lat("Publish p50, wire only (no SDK)", (t) => t.publish?.wire, "p50"),
    lat("Publish → queue p50, Publish sent → long poll returned", (t) => t.toQueue?.afterPublishStarts, "p50"),
    lat("Publish → queue p99, Publish sent → long poll returned", (t) => t.toQueue?.afterPublishStarts, "p99"),
    lat("Publish → queue p50, Publish answered → long poll returned", (t) => t.toQueue?.afterPublishCompletes, "p50"),
    n(`Publish throughput, ${publishers} publishers`, "publishes/s", (t) => t.throughput?.publishesPerSecond),
    n(`Queue deliveries, ${publishers} publishers (${QUEUES_PER_TOPIC} per publish)`, "messages/s", (t) => t.throughput?.deliveriesPerSecond),
    lat(`Publish p50 under ${publishers} publishers`, (t) => t.throughput?.sdk, "p50"),
    lat(`Publish p99 under ${publishers} publishers`, (t) => t.throughput?.sdk, "p99"),
    n("HTTP subscription confirmed (Subscribe → not pending)", "ms", (t) => t.http?.confirmMs),
    lat("HTTP, one at a time: Publish sent → POST received p50", (t) => t.http?.sequential, "p50"),
    lat("HTTP, one at a time: Publish sent → POST received p99", (t) => t.http?.sequential, "p99"),
    n(`HTTP burst of ${r.options["HTTP burst"]} (${httpPublishers} publishers): deliveries`, "POSTs/s", (t) => t.http?.burst.deliveriesPerSecond),
    n(`HTTP burst: publishes accepted`, "publishes/s", (t) => t.http?.burst.publishesPerSecond),
    lat("HTTP burst: Publish sent → POST received p50", (t) => t.http?.burst.latency, "p50"),
    lat("HTTP burst: Publish sent → POST received p99", (t) => t.http?.burst.latency, "p99"),
  ];
}

function httpNote(r: SnsResults): string[] {
  const out: string[] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    if (t.httpUnavailable) out.push(`${label} HTTP delivery: n/a — ${t.httpUnavailable}`);
    else if (t.http) out.push(`${label} HTTP subscription: ${t.http.confirmedBy}.`);
  }
  return out;
}

function cpuSections(r: SnsResults): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    if (t.throughput) out.push([`${label} throughput`, cpuTableRows(t.throughput.cpu, t.throughput.publishes, CPU_NAMES, `${label} throughput (per publish)`)]);
  }
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    const b = t.http?.burst;
    if (b) out.push([`${label} HTTP burst`, cpuTableRows(b.cpu, b.received, CPU_NAMES, `${label} HTTP burst (per delivery)`)]);
  }
  return out;
}

export function consoleReport(r: SnsResults): string {
  const out = consoleHeader("SNS benchmark", r);
  out.push(...consoleComparison(rows(r)), ...httpNote(r), ...consoleCpuSections(cpuSections(r), "unit"));
  out.push("", ...consoleTargets(targets(r)));
  return out.join("\n");
}

export function markdownSection(r: SnsResults): string {
  const o = r.options;
  const md = markdownHeader("## SNS (`npm run bench:sns`)", r);
  md.push(
    "Client, servers, Postgres and Redis share the machine's cores. Both servers are driven by the same AWS SDK v3 clients (`@aws-sdk/client-sns`, `@aws-sdk/client-sqs`) with an explicit endpoint, keep-alive sockets and no retries. " +
      "Stratus is the real gateway (`server/gateway/main.ts`) and a workers process (`workers/main.ts`) as child processes on a dedicated database (`stratus_bench`) and Redis DB 3, both with `STRATUS_PUBLIC_GATEWAY_URL` set to the bench gateway (the SubscribeURL is built on it). " +
      "A Stratus Publish writes the message and its queue copies in one transaction, so queue delivery is part of the Publish call; HTTP deliveries are outbox rows relayed to the `sns.deliver-http` BullMQ job in the workers process. " +
      "moto is `moto_server` (in-memory), which also writes queue copies inside Publish and POSTs to HTTP endpoints from within the Publish call. " +
      "`sqs_messages`, `sns_messages`, `sns_deliveries` and `outbox_events` are compacted (`VACUUM FULL`) before the Stratus workloads (autovacuum is off).",
  );
  md.push("");
  md.push(
    `Workloads (${o["body bytes"]}-byte messages; each topic has ${QUEUES_PER_TOPIC} SQS subscriptions without raw delivery, so each copy is the JSON envelope): ` +
      `**Publish** — ${o.publishes} sequential Publish calls from one client after ${o["publish warm-up"]} warm-up publishes, a fresh topic and queues every ${o["publishes per topic"]} publishes (moto's SendMessage slows down with queue depth); the SDK round trip is the figure, the wire time (request written → response headers) shows what the SDK adds. ` +
      `**Publish → queue** — a ReceiveMessage(WaitTimeSeconds 20) parked ${o["park ms"]} ms on one of the three queues, then a Publish from a second client; the figure is Publish sent → that receive returned with the message (so it includes the long poll's wake-up), ${o["publish → queue rounds"]} rounds after ${o["publish → queue warm-up"]} warm-up rounds. ` +
      `**Throughput** — ${o.publishers} publishers (one client and socket each) publishing back to back for ${o["throughput seconds"]} s after ${o["warm-up seconds"]} s; at the end every queue's ApproximateNumberOfMessages must equal the number of accepted publishes (warm-up included). ` +
      `**HTTP** — a Node HTTP receiver in the benchmark process subscribed with protocol \`http\` (it confirms by GETting the SubscribeURL of the SubscriptionConfirmation POST); ${o["HTTP one at a time"]} messages one at a time after ${o["HTTP warm-up"]} warm-up messages (Publish sent → the receiver has the POST), then a burst of ${o["HTTP burst"]} published as fast as ${o["HTTP publishers"]} publishers can: deliveries/s is messages received / (last receipt − first Publish sent).` +
      " A burst message's latency includes its wait behind earlier ones wherever publishing outpaces delivery: Stratus accepts publishes independently of delivery (the outbox takes the backlog), while moto POSTs inside Publish, so its publishers are held to its delivery rate instead.",
  );
  md.push("");
  md.push(...markdownComparison(rows(r)));
  const short = (["stratus", "moto"] as const).filter((t) => r[t].publish && r[t].publish!.measured < Number(o.publishes));
  if (short.length) md.push(`Publish figures for ${short.map((t) => `${t} (${r[t].publish!.measured} publishes)`).join(", ")} stopped at the time cap.`);
  md.push("");
  const notes = httpNote(r);
  if (notes.length) {
    md.push(notes.join(" ").replace(/\|/g, "\\|"));
    md.push("");
  }
  md.push(...markdownTargets("Targets (Stratus):", targets(r)));
  const detail: string[] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    const e = t.toQueue;
    if (e) {
      detail.push(
        `${label} publish → queue: Publish round trip p50 ${fmt(e.publish.p50)} ms in the same rounds; the receive returned before the Publish answer in ${e.beforeAnswer} of ${e.afterPublishStarts.n} rounds; ${e.misses} misses.`,
      );
    }
    const tp = t.throughput;
    if (tp) {
      detail.push(
        `${label} throughput: ${tp.publishes} publishes in ${fmt(tp.seconds, 1)} s, ${tp.published} accepted in all (warm-up included), queue depths at the end ${tp.depths.join(" / ")}, ${tp.errors} errors${tp.firstError ? ` (first: ${tp.firstError})` : ""}.`,
      );
    }
    const h = t.http?.burst;
    if (h) {
      detail.push(
        `${label} HTTP burst: ${h.accepted} of ${h.count} publishes accepted, ${h.received} received (${h.duplicates} duplicate POSTs) in ${fmt(h.allReceivedMs / 1000, 2)} s, ${h.errors} errors${h.firstError ? ` (first: ${h.firstError})` : ""}.`,
      );
    }
  }
  const cpu = cpuSections(r);
  if (detail.length || cpu.length) {
    md.push("<details><summary>Details: counts, and CPU by process during the throughput and HTTP burst windows</summary>");
    md.push("");
    for (const line of detail) md.push(`- ${line.replace(/\|/g, "\\|")}`);
    md.push("");
    if (cpu.length) {
      md.push("| Window | Process | Cores busy | CPU µs per unit | Kernel share |");
      md.push("|---|---|---:|---:|---:|");
      for (const [, lines] of cpu) md.push(...lines);
      md.push("");
    }
    md.push("</details>");
  }
  return md.join("\n");
}
