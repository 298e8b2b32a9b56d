/**
 * What every benchmark's report shares: the opening (which run, on what machine, under which load) and
 * the targets with their outcome, for the console and for the benchmark's bench/README.md section.
 */
import type { MachineInfo } from "./machine";
import { fmt, passText, ratio } from "./stats";

/** What a report says of the run as a whole. */
export interface RunInfo {
  machine: MachineInfo;
  loadAtEnd: readonly number[];
  elapsedSeconds: number;
  command: string;
  options: Record<string, number | string>;
}

/** A target and what the run measured against it (`pass` undefined: not measured). */
export interface TargetRow {
  name: string;
  measured: string;
  pass?: boolean;
}

/** A 1-minute load average above this before a benchmark starts means someone else is using the machine. */
const BUSY_LOAD = 0.5;

const startedBusy = (m: MachineInfo) => m.load[0] >= BUSY_LOAD;

const loads = (l: readonly number[]) => l.map((v) => fmt(v, 2)).join(" / ");

/** The console report's opening: the benchmark, the machine, the load at start and end, and a warning when it was busy. */
export function consoleHeader(title: string, run: RunInfo): string[] {
  const m = run.machine;
  return [
    "",
    `${title} — ${m.date} — ${m.cores} cores, ${m.cpuModel}, load ${loads(m.load)} at start, ${loads(run.loadAtEnd)} at end`,
    ...(startedBusy(m) ? ["NOTE: other work was running on the machine when the run started: figures are noisy and run high."] : []),
  ];
}

/** The console report's closing lines: `[PASS] target: measured`, one a target. */
export const consoleTargets = (targets: readonly TargetRow[]) => targets.map((t) => `  [${passText(t.pass)}] ${t.name}: ${t.measured}`);

/** The README lines saying what a run was measured on, when, under which load and with which command. */
function measuredOn(run: RunInfo): string[] {
  const m = run.machine;
  return [
    `Measured ${m.date} on ${m.cores} cores (\`nproc\`), ${fmt(m.memoryGiB, 1)} GiB RAM, ${m.cpuModel}; Node ${m.node}, PostgreSQL ${m.postgres} ` +
      `(${Object.entries(m.postgresSettings).map(([k, v]) => `${k} ${v}`).join(", ")}).`,
    `Load average ${loads(m.load)} (1/5/15 min) when the run started, ${loads(run.loadAtEnd)} when it ended; the run took ${fmt(run.elapsedSeconds, 0)} s.`,
    `Command: \`${run.command}\` (${Object.entries(run.options).map(([k, v]) => `${k} ${v}`).join(", ")}).`,
  ];
}

/**
 * The README section's opening: its heading, a warning when other work was using the machine (the
 * figures then run high and are to be re-measured), and what the run was measured on.
 */
export function markdownHeader(heading: string, run: RunInfo): string[] {
  const m = run.machine;
  const busy = startedBusy(m)
    ? [
        `**Measured with other load on the machine** (load average ${fmt(m.load[0], 2)} before the benchmark started its own processes): ` +
          `other work competed for the ${m.cores} cores, so these figures are noisy and run high. To be re-run on a quiet machine.`,
        "",
      ]
    : [];
  return [heading, "", ...busy, ...measuredOn(run), ""];
}

/** The README table of targets under `title`, with a blank line after it. */
export function markdownTargets(title: string, targets: readonly TargetRow[]): string[] {
  return [title, "", "| Target | Measured | Result |", "|---|---:|---|", ...targets.map((t) => `| ${t.name} | ${t.measured} | ${passText(t.pass)} |`), ""];
}

/** One workload's figure on both servers. */
export interface ComparisonRow {
  label: string;
  unit: string;
  stratus?: number;
  moto?: number;
}

const rowLabel = (row: ComparisonRow) => `${row.label} (${row.unit})`;

/** The console table: label, Stratus, moto and their ratio; the label column fits the widest label unless `labelWidth` is given. */
export function consoleComparison(rows: readonly ComparisonRow[], labelWidth = Math.max(...rows.map((row) => rowLabel(row).length)) + 2): string[] {
  return [
    `${"".padEnd(labelWidth)}${"Stratus".padStart(12)}${"moto".padStart(12)}${"Stratus/moto".padStart(14)}`,
    ...rows.map((row) => `${rowLabel(row).padEnd(labelWidth)}${fmt(row.stratus).padStart(12)}${fmt(row.moto).padStart(12)}${ratio(row.stratus, row.moto).padStart(14)}`),
  ];
}

/** The README table of the same rows. */
export function markdownComparison(rows: readonly ComparisonRow[]): string[] {
  return [
    "| Workload | Stratus | moto | Stratus/moto |",
    "|---|---:|---:|---:|",
    ...rows.map((row) => `| ${rowLabel(row)} | ${fmt(row.stratus)} | ${fmt(row.moto)} | ${ratio(row.stratus, row.moto)} |`),
  ];
}

/** CPU windows for the console: each window's table rows (from cpuTableRows) without their window column, under a heading. */
export function consoleCpuSections(sections: readonly [string, string[]][], unit: string): string[] {
  return sections.flatMap(([label, lines]) => [
    "",
    `CPU during the ${label} window (cores busy | CPU µs per ${unit} | kernel share):`,
    ...lines.map((line) => `  ${line.split(" | ").slice(1).join(" | ")}`),
  ]);
}

/**
 * A section's closing Markdown: the comparison table, the notes as a list, the targets, and the CPU windows'
 * rows (from cpuTableRows) folded under `cpuSummary`, each row's cost per `unit`.
 */
export function markdownResults(parts: {
  comparison: readonly ComparisonRow[];
  notes: readonly string[];
  targetsTitle: string;
  targets: readonly TargetRow[];
  cpu: readonly [string, string[]][];
  cpuSummary: string;
  unit: string;
}): string[] {
  const md = [...markdownComparison(parts.comparison), ""];
  if (parts.notes.length) md.push(...parts.notes.map((line) => `- ${line.replace(/\|/g, "\\|")}`), "");
  md.push(...markdownTargets(parts.targetsTitle, parts.targets));
  if (parts.cpu.length) {
    md.push(`<details><summary>${parts.cpuSummary}</summary>`, "", `| Window | Process | Cores busy | CPU µs per ${parts.unit} | Kernel share |`, "|---|---|---:|---:|---:|");
    for (const [, lines] of parts.cpu) md.push(...lines);
    md.push("", "</details>");
  }
  return md;
}
