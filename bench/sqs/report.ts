/** Renders the benchmark's results: a console table and the bench/README.md section. */
import { cpuByComponent, type CpuWindow, cpuTableRows } from "../lib/cpu";
import type { MachineInfo } from "../lib/machine";
import { type ComparisonRow, consoleComparison, consoleHeader, consoleTargets, markdownComparison, markdownHeader, markdownTargets, type TargetRow } from "../lib/report";
import { fmt, type Summary } from "../lib/stats";
import { HOT_PATH_PG_OPTIONS } from "../../server/db/pool";
import type { CeilingResult } from "./ceiling";
import type { CycleResult, LongPollResult, SendLatencyResult } from "./workloads";

export interface TargetResults {
  cycle?: CycleResult;
  /** The same cycle with the lean hand-signed client (diagnosis: what the SDK costs). */
  leanCycle?: CycleResult;
  send?: SendLatencyResult;
  poll?: LongPollResult;
}

export interface BenchResults {
  machine: MachineInfo;
  loadAtEnd: [number, number, number];
  command: string;
  options: Record<string, number | string>;
  stratus: TargetResults;
  moto: TargetResults;
  ceiling?: CeilingResult;
  /** Every round's full cycle and ceiling; `stratus.cycle` and `ceiling` hold the median round's. */
  rounds?: RoundRates[];
  elapsedSeconds: number;
}

/** A Stratus full cycle and the ceiling measured right after it. */
export interface PairedRound {
  cycle: CycleResult;
  ceiling?: CeilingResult;
}

/** A round's full-cycle and ceiling throughput (msg/s). */
export interface RoundRates {
  cycle: number;
  ceiling?: number;
}

export const roundRates = (r: PairedRound): RoundRates => ({ cycle: r.cycle.messagesPerSecond, ceiling: r.ceiling?.messagesPerSecond });

/** Stratus/ceiling, or Stratus's throughput alone when the ceiling was skipped. */
const roundRatio = (r: RoundRates) => (r.ceiling ? r.cycle / r.ceiling : r.cycle);

/** The round whose cycle/ceiling ratio (or, without ceilings, throughput) is the median; the lower middle one for an even count. */
export function medianRound(rounds: PairedRound[]): PairedRound {
  const sorted = [...rounds].sort((a, b) => roundRatio(roundRates(a)) - roundRatio(roundRates(b)));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** "2,383 / 8,078 msg/s (29.5%)" for each round, in the order they ran. */
function roundsText(r: BenchResults): string | undefined {
  if (!r.rounds || r.rounds.length < 2) return undefined;
  return r.rounds
    .map((x) => (x.ceiling ? `${fmt(x.cycle)} / ${fmt(x.ceiling)} msg/s (${fmt(100 * roundRatio(x), 1)}%)` : `${fmt(x.cycle)} msg/s`))
    .join(", ");
}

export const GOALS = { cycleFractionOfCeiling: 0.5, sendP50Ms: 2, pollWakeMs: 10 };

const ms = (v?: number) => (v === undefined ? "n/a" : `${fmt(v)} ms`);

export function targets(r: BenchResults): TargetRow[] {
  const cycle = r.stratus.cycle?.messagesPerSecond;
  const ceiling = r.ceiling?.messagesPerSecond;
  const fraction = cycle !== undefined && ceiling ? cycle / ceiling : undefined;
  const bound = serverEfficiency(r)?.boundFraction;
  const sendP50 = r.stratus.send?.sdk.p50;
  const poll = r.stratus.poll?.afterSendCompletes;
  const pollOk = poll && r.stratus.poll!.misses === 0 ? poll.p99 : undefined;
  return [
    {
      name: "Full cycle ≥ 50% of the raw Postgres ceiling",
      measured:
        fraction === undefined
          ? "n/a"
          : `${fmt(100 * fraction, 1)}%${bound === undefined ? "" : ` (at most ${fmt(100 * bound, 1)}% reachable with this client on these cores, see above)`}`,
      pass: fraction === undefined ? undefined : fraction >= GOALS.cycleFractionOfCeiling,
    },
    { name: "SendMessage p50 ≤ 2 ms (SDK round trip)", measured: ms(sendP50), pass: sendP50 === undefined ? undefined : sendP50 <= GOALS.sendP50Ms },
    {
      name: "Long-poll receive returns within 10 ms of a send (p99, send completed → receive returned)",
      measured: ms(pollOk),
      pass: poll === undefined ? undefined : pollOk !== undefined && pollOk <= GOALS.pollWakeMs,
    },
  ];
}

function rows(r: BenchResults): ComparisonRow[] {
  const s = r.stratus;
  const m = r.moto;
  const lat = (label: string, pick: (t: TargetResults) => Summary | undefined, p: keyof Summary): ComparisonRow => ({
    label,
    stratus: pick(s)?.[p],
    moto: pick(m)?.[p],
    unit: "ms",
  });
  return [
    { label: "Full cycle (send batch → receive → delete batch)", stratus: s.cycle?.messagesPerSecond, moto: m.cycle?.messagesPerSecond, unit: "msg/s" },
    ...(s.leanCycle ? [{ label: "Full cycle, lean client instead of the SDK (diagnosis)", stratus: s.leanCycle.messagesPerSecond, moto: m.leanCycle?.messagesPerSecond, unit: "msg/s" }] : []),
    lat("SendMessage p50", (t) => t.send?.sdk, "p50"),
    lat("SendMessage p90", (t) => t.send?.sdk, "p90"),
    lat("SendMessage p99", (t) => t.send?.sdk, "p99"),
    lat("SendMessage p50, wire only (no SDK)", (t) => t.send?.wire, "p50"),
    lat("Long-poll wake p50, send completed → receive returned", (t) => t.poll?.afterSendCompletes, "p50"),
    lat("Long-poll wake p99, send completed → receive returned", (t) => t.poll?.afterSendCompletes, "p99"),
    lat("Long-poll wake p50, send started → receive returned", (t) => t.poll?.afterSendStarts, "p50"),
    lat("Long-poll wake p99, send started → receive returned", (t) => t.poll?.afterSendStarts, "p99"),
  ];
}

export const CPU_NAMES = {
  self: "benchmark client (SDK)",
  server: "server under test",
  postgres: "Postgres (all backends)",
  redis: "Redis",
  pgbench: "pgbench",
  other: "everything else on the machine",
};

/** Per process group: cores busy and CPU µs per message; `other` is machine-wide busy time not in any group. */
export function cpuBreakdown(cpu: CpuWindow, messages: number) {
  return cpuByComponent(cpu, messages, CPU_NAMES).map(({ perUnitUs, ...r }) => ({ ...r, usPerMessage: perUnitUs }));
}

function cpuRows(label: string, cpu: CpuWindow, messages: number): string[] {
  return cpuTableRows(cpu, messages, CPU_NAMES, label);
}

/** Server-side CPU per message, Stratus vs the raw SQL, from the measured windows. */
export function serverEfficiency(r: BenchResults) {
  const c = r.stratus.cycle;
  const p = r.ceiling;
  if (!c || !p || c.deleted === 0) return undefined;
  const per = (secs: number | undefined, messages: number) => ((secs ?? 0) * 1e6) / messages;
  const stratusUs = per((c.cpu.seconds.server ?? 0) + (c.cpu.seconds.postgres ?? 0) + (c.cpu.seconds.redis ?? 0), c.deleted);
  const rawMessages = p.messagesPerSecond * p.cpu.wallSeconds;
  const rawUs = per((p.cpu.seconds.postgres ?? 0) + (p.cpu.seconds.pgbench ?? 0), rawMessages);
  const clientUs = per(c.cpu.seconds.self, c.deleted);
  // The most any server could cycle here with this client: one that cost nothing beyond the raw SQL,
  // sharing the cores with the client, which spends clientUs per message whatever the server.
  const boundPerSecond = (r.machine.cores * 1e6) / (clientUs + rawUs);
  return {
    stratusUs,
    rawUs,
    ratio: rawUs / stratusUs,
    clientUs,
    clientCores: (c.cpu.seconds.self ?? 0) / c.cpu.wallSeconds,
    boundPerSecond,
    boundFraction: boundPerSecond / p.messagesPerSecond,
  };
}

/** Windows in which the hypervisor took a noticeable share of the CPU (figures then run low). */
export function stolenWindows(r: BenchResults): string[] {
  const windows: [string, CpuWindow | undefined][] = [
    ["Stratus cycle", r.stratus.cycle?.cpu],
    ["Stratus lean-client cycle", r.stratus.leanCycle?.cpu],
    ["moto cycle", r.moto.cycle?.cpu],
    ["pgbench ceiling", r.ceiling?.cpu],
    ["Stratus SendMessage", r.stratus.send?.cpu],
    ["moto SendMessage", r.moto.send?.cpu],
  ];
  return windows
    .filter(([, cpu]) => cpu && cpu.machineSteal / cpu.wallSeconds >= 0.05)
    .map(([name, cpu]) => `${name} (${fmt(cpu!.machineSteal / cpu!.wallSeconds, 2)} cores stolen)`);
}

export function consoleReport(r: BenchResults): string {
  const out = consoleHeader("SQS benchmark", r);
  const w = 58;
  out.push(...consoleComparison(rows(r), w));
  if (r.ceiling) {
    out.push(`${"Raw Postgres ceiling (pgbench, same SQL) (msg/s)".padEnd(w)}${fmt(r.ceiling.messagesPerSecond).padStart(12)}`);
    if (r.stratus.cycle) out.push(`${"Stratus full cycle as % of the ceiling".padEnd(w)}${`${fmt((100 * r.stratus.cycle.messagesPerSecond) / r.ceiling.messagesPerSecond, 1)}%`.padStart(12)}`);
  }
  const rounds = roundsText(r);
  if (rounds) out.push(`Rounds (Stratus cycle / ceiling), the median one above: ${rounds}`);
  const cycles: [string, CpuWindow | undefined, number][] = [
    ["Stratus cycle", r.stratus.cycle?.cpu, r.stratus.cycle?.deleted ?? 0],
    ["Stratus lean", r.stratus.leanCycle?.cpu, r.stratus.leanCycle?.deleted ?? 0],
    ["moto cycle", r.moto.cycle?.cpu, r.moto.cycle?.deleted ?? 0],
    ["pgbench ceiling", r.ceiling?.cpu, r.ceiling ? r.ceiling.messagesPerSecond * r.ceiling.cpu.wallSeconds : 0],
  ];
  out.push("");
  out.push("CPU during the measured windows (cores busy, CPU µs per message cycled):");
  for (const [label, cpu, messages] of cycles) {
    if (!cpu) continue;
    out.push(
      `  ${label.padEnd(16)} [steal ${fmt(cpu.machineSteal / cpu.wallSeconds, 2)} cores] ${cpuBreakdown(cpu, messages)
        .map((b) => `${b.name} ${fmt(b.cores, 2)} (${fmt(b.usPerMessage, 0)} µs${Number.isFinite(b.kernelShare) ? `, ${fmt(100 * b.kernelShare, 0)}% kernel` : ""})`)
        .join(", ")}`,
    );
  }
  const eff = serverEfficiency(r);
  if (eff) {
    out.push(
      `  server-side CPU per message: Stratus ${fmt(eff.stratusUs, 0)} µs vs raw SQL ${fmt(eff.rawUs, 0)} µs (${fmt(100 * eff.ratio, 0)}%); SDK client ${fmt(eff.clientUs, 0)} µs`,
      `  bound with this client on ${r.machine.cores} cores (server costing only the raw SQL): ${fmt(eff.boundPerSecond)} msg/s = ${fmt(100 * eff.boundFraction, 1)}% of the ceiling`,
    );
  }
  const stolen = stolenWindows(r);
  if (stolen.length) out.push(`  NOTE: hypervisor steal during ${stolen.join(", ")}: those figures run low; rerun on a quieter host.`);
  out.push("", ...consoleTargets(targets(r)));
  return out.join("\n");
}

export function markdownSection(r: BenchResults): string {
  const md = markdownHeader("## SQS (`npm run bench:sqs`)", r);
  md.push(
    "Client, servers and Postgres share the machine's cores. Both servers are driven by the same AWS SDK v3 (`@aws-sdk/client-sqs`) client with an explicit endpoint, keep-alive sockets, the SDK's `cacheMiddleware` option and no retries. " +
      "Stratus is the real gateway (`server/gateway/main.ts`) in its own process on a dedicated database (`stratus_bench`) and Redis DB 3; moto is `moto_server` (in-memory). " +
      "`sqs_messages` is compacted (`VACUUM FULL`) before each Stratus cycle and before the ceiling (with autovacuum off, dead rows and bloated indexes would otherwise pile up from run to run and slow Postgres down).",
  );
  md.push("");
  md.push(
    `Workloads: **full cycle** — ${r.options.producers} producers sending SendMessageBatch(10) and ${r.options.consumers} consumers doing ReceiveMessage(MaxNumberOfMessages 10, WaitTimeSeconds 1) → DeleteMessageBatch, ` +
      `producers pausing while ${r.options.backlog} messages are sent but not yet deleted; messages deleted during ${r.options["cycle seconds"]} s after a ${r.options["warm-up seconds"]} s warm-up. ` +
      (Number(r.options.rounds) > 1
        ? `Stratus runs it ${r.options.rounds} times, each run followed at once by the raw Postgres ceiling (below), so that each ratio compares the two under the same machine conditions (a shared VM's speed can swing within seconds); the full-cycle figures are those of the round with the median Stratus/ceiling ratio, and moto runs once. `
        : "") +
      `**SendMessage** — ${r.options.sends} sequential single sends of ${r.options["body bytes"]}-byte bodies after a warm-up, one client, a fresh queue every ${r.options["sends per queue"]} sends ` +
      "(moto's SendMessage slows down linearly with queue depth); the SDK round trip is the figure, the wire time (request written → response headers) shows what the SDK adds. " +
      `**Long-poll wake-up** — a ReceiveMessage(WaitTimeSeconds 20) parked 100 ms on an empty queue, then a SendMessage from a second client; ${r.options.polls} rounds after 5 warm-up rounds. ` +
      `The **lean-client** row (Stratus only, ${r.options["lean-client seconds"]} s) repeats the full cycle with a hand-signed JSON client (\`bench/lib/lean-sqs.ts\`, no SDK middleware or MD5 checks) to show what the SDK client costs on shared cores; it is a diagnosis, not a target figure.`,
  );
  md.push("");
  md.push(...markdownComparison(rows(r)));
  const short = (["stratus", "moto"] as const).filter((t) => r[t].send && r[t].send!.measured < Number(r.options.sends));
  if (short.length) md.push(`SendMessage figures for ${short.map((t) => `${t} (${r[t].send!.measured} sends)`).join(", ")} stopped at the time cap.`);
  md.push("");
  if (r.ceiling) {
    const c = r.ceiling;
    md.push(
      `Raw Postgres ceiling for the same cycle (pgbench \`-c 4 -j 2 -T ${r.options["pg seconds"]} -M prepared\`: one 10-row INSERT, a 10-row \`FOR UPDATE SKIP LOCKED\` receive UPDATE … RETURNING, a DELETE of those 10, each autocommitted, on \`sqs_messages\`, with the planner setting of Stratus's hot-path connections, \`${HOT_PATH_PG_OPTIONS}\`): ` +
        `**${fmt(c.messagesPerSecond)} msg/s** (rows deleted; ${fmt(c.tps)} scripts/s × 10 = ${fmt(c.tpsTimesTen)}; ${fmt(c.latencyAvgMs)} ms per script).` +
        (r.stratus.cycle ? ` Stratus full cycle = **${fmt((100 * r.stratus.cycle.messagesPerSecond) / c.messagesPerSecond, 1)}%** of it.` : ""),
    );
    const rounds = roundsText(r);
    if (rounds) md.push("", `All rounds (Stratus full cycle / ceiling), in the order they ran: ${rounds}.`);
    md.push("");
  }
  const eff = serverEfficiency(r);
  if (eff) {
    md.push(
      `CPU per message cycled: Stratus's server side (gateway + Postgres + Redis) ${fmt(eff.stratusUs, 0)} µs vs ${fmt(eff.rawUs, 0)} µs for the raw SQL (Postgres + pgbench), ` +
        `i.e. the server side runs at ${fmt(100 * eff.ratio, 0)}% of raw efficiency; the SDK benchmark client itself used ${fmt(eff.clientUs, 0)} µs per message ` +
        `(${fmt(eff.clientCores, 2)} of the ${r.machine.cores} cores). Since client, gateway and Postgres share the cores, the full-cycle rate is bounded by their sum: ` +
        `even a server that cost nothing beyond the raw SQL would cycle at most ${r.machine.cores} cores ÷ (${fmt(eff.clientUs, 0)} + ${fmt(eff.rawUs, 0)} µs) = **${fmt(eff.boundPerSecond)} msg/s, ${fmt(100 * eff.boundFraction, 1)}% of the ceiling**, with this client on this machine.`,
    );
    md.push("");
  }
  const stolen = stolenWindows(r);
  if (stolen.length) {
    md.push(`Note: the hypervisor took CPU from this VM during ${stolen.join(", ")} (\`steal\` in /proc/stat); those figures run low.`);
    md.push("");
  }
  md.push(...markdownTargets("Targets:", targets(r)));
  // Details: per-operation latency under load and where the CPU went.
  const detail: string[] = [];
  for (const [name, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    const c = t.cycle;
    if (!c) continue;
    for (const op of ["SendMessageBatch", "ReceiveMessage", "DeleteMessageBatch"]) {
      const s = c.sdk[op];
      const wire = c.wire[op];
      if (s) detail.push(`| ${name} | ${op} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(wire?.p50)} |`);
    }
  }
  if (detail.length) {
    md.push("<details><summary>Full-cycle details: per-operation latency under load, CPU by process</summary>");
    md.push("");
    md.push(
      `Producers ${r.options.producers} × SendMessageBatch(10), consumers ${r.options.consumers} × ReceiveMessage(10, WaitTimeSeconds 1) → DeleteMessageBatch; producers pause at ${r.options.backlog} messages in the queue.`,
    );
    for (const [name, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
      const c = t.cycle;
      if (c) md.push(`${name}: ${c.deleted} messages in ${fmt(c.seconds, 1)} s, ${fmt(c.sentPerSecond)} sent/s, ${fmt(c.avgBatch, 1)} messages per non-empty receive, ${c.emptyReceives} empty receives, ${c.errors} errors${c.firstError ? ` (first: ${c.firstError})` : ""}.`);
    }
    md.push("");
    md.push("| Server | Operation | Calls | SDK p50 (ms) | SDK p99 (ms) | Wire p50 (ms) |");
    md.push("|---|---|---:|---:|---:|---:|");
    md.push(...detail);
    md.push("");
    md.push("| Run | Process | Cores busy | CPU µs per message | Kernel share |");
    md.push("|---|---|---:|---:|---:|");
    if (r.stratus.cycle) md.push(...cpuRows("Stratus cycle", r.stratus.cycle.cpu, r.stratus.cycle.deleted));
    if (r.stratus.leanCycle) md.push(...cpuRows("Stratus cycle, lean client", r.stratus.leanCycle.cpu, r.stratus.leanCycle.deleted));
    if (r.moto.cycle) md.push(...cpuRows("moto cycle", r.moto.cycle.cpu, r.moto.cycle.deleted));
    if (r.ceiling) md.push(...cpuRows("pgbench ceiling", r.ceiling.cpu, r.ceiling.messagesPerSecond * r.ceiling.cpu.wallSeconds));
    md.push("");
    md.push("</details>");
  }
  return md.join("\n");
}
