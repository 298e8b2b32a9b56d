/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by area (our files, pg driver,
 * Prisma, zod, Node internals, GC, idle) and inclusive time of the functions on the stack, so a
 * profile can be read without DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  /** Self time (ms) by area, busiest first. */
  byArea: [string, number][];
  /** Self time (ms) by function, busiest first. */
  bySelf: [string, number][];
  /** Inclusive time (ms) by function (each sample counted once per function on its stack). */
  byTotal: [string, number][];
}

function area(url: string, fn: string, root: string): string {
  if (fn === "(idle)") return "(idle)";
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return "(program: native/VM)";
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (pkg === "pg" || pkg === "pg-protocol" || pkg === "pg-pool" || pkg === "pg-types") return "pg driver";
    if (pkg.startsWith("@prisma") || pkg === "prisma") return "Prisma";
    return pkg;
  }
  const local = url.replace(/^file:\/\//, "");
  if (local.includes("/server/db/generated/")) return "Prisma (generated client)";
  return path.relative(root, local) || local;
}

export function summarizeProfile(file: string, root = process.cwd(), window?: { startUs: number; endUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const a = area(n.callFrame.url, n.callFrame.functionName, root);
    return `${n.callFrame.functionName || "(anonymous)"} [${a}${n.callFrame.url && !a.startsWith("(") ? `:${n.callFrame.lineNumber + 1}` : ""}]`;
  };
  const areas = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = profile.startTime;
  let totalMs = 0;
  let idleMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (window && (t < window.startUs || t > window.endUs)) continue;
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!) / 1000;
    const node = byId.get(profile.samples[i]!)!;
    const a = area(node.callFrame.url, node.callFrame.functionName, root);
    totalMs += ms;
    if (a === "(idle)") {
      idleMs += ms;
      continue;
    }
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const l = label(node);
    self.set(l, (self.get(l) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      const key = label(n);
      if (seen.has(key) || n.callFrame.functionName === "(root)") continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, idleMs, byArea: sorted(areas), bySelf: sorted(self), byTotal: sorted(total) };
}

/** A fresh directory for the `--cpu-prof` output of the process `name` (gateway, workers, …). */
export const newProfileDir = (name: string) => mkdtempSync(path.join(tmpdir(), `stratus-${name}-prof-`));

/**
 * The main thread's profile in `dir` (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, thread 0);
 * loader threads (tsx) write their own. Throws when there is none: a profiled run must have one.
 */
export function mainThreadProfile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort();
  const main = files.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  const pick = (main.length ? main : files).at(-1);
  if (!pick) throw new Error(`no CPU profile written to ${dir}`);
  return path.join(dir, pick);
}

/** A profile's window as text: busy time, then self time by area, inclusive and self time by function (shares of busy time). */
export function profileReport(title: string, file: string, window?: { startUs: number; endUs: number }, top = { areas: 20, total: 45, self: 30 }): string {
  const s = summarizeProfile(file, process.cwd(), window);
  const busy = s.totalMs - s.idleMs;
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  return [
    `${title}: ${(busy / 1000).toFixed(1)} s busy of ${(s.totalMs / 1000).toFixed(1)} s`,
    "  self time by area:",
    ...s.byArea.slice(0, top.areas).map(([a, ms]) => `    ${pct(ms)}  ${a}`),
    "  inclusive time by function:",
    ...s.byTotal.slice(0, top.total).map(([a, ms]) => `    ${pct(ms)}  ${a}`),
    "  self time by function:",
    ...s.bySelf.slice(0, top.self).map(([a, ms]) => `    ${pct(ms)}  ${a}`),
  ].join("\n");
}
