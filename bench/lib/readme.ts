/** Keeps one generated section per benchmark in bench/README.md, between HTML-comment markers. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const README = path.join("bench", "README.md");

function writeSection(file: string, id: string, content: string): void {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const text = readFileSync(file, "utf8");
  const block = `${start}\n${content.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i !== -1 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/**
 * After a run: rewrites the benchmark's section (`id`, e.g. `bench:sns`) of bench/README.md, unless told
 * not to or the run was partial (`partial` names the options that made it so), since a section shows
 * one full run.
 */
export function updateReadme(
  id: string,
  title: string,
  markdown: () => string,
  opts: { noReadme: boolean; partial?: string },
  log: (message: string) => void,
): void {
  if (opts.noReadme) return;
  if (opts.partial) {
    log(`partial run (${opts.partial}): ${README} left as it is`);
    return;
  }
  writeSection(README, id, markdown());
  log(`wrote the ${title} section of ${README}`);
}
