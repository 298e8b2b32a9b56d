/** Keeps one generated section per benchmark in a Markdown file, between HTML-comment markers. */
import { readFileSync, writeFileSync } from "node:fs";

export function writeSection(file: string, id: string, content: string): void {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const text = readFileSync(file, "utf8");
  const block = `${start}\n${content.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i !== -1 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
