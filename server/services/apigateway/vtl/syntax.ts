/** Parsing a template, with the block checks velocityjs leaves out. */
import { parse } from "velocityjs";
import { TemplateError } from "./template-error";

export type TemplateAst = ReturnType<typeof parse>;

const PROBE_END = "<end of template>";

/**
 * velocityjs accepts an `#if`/`#foreach`/`#macro`/`#define` left open (repeating what follows it) and a stray
 * `#end` (dropping what follows it), both of which Velocity rejects. Parsed inside one more block and followed
 * by a marker, a balanced template leaves exactly that block and the marker at the top level.
 */
function blocksBalance(template: string): boolean {
  const top = parse(`#if(true)${template}\n#end${PROBE_END}`);
  // velocityjs types its nodes without the strings of plain text it also returns.
  const last: unknown = top[1];
  return top.length === 2 && last === PROBE_END;
}

/** Parsed templates by text: a deployed API renders the same few on every request, and parsing is most of the cost. */
const parsed = new Map<string, TemplateAst | TemplateError>();
const MAX_PARSED = 1_000;

export function parseTemplate(template: string): TemplateAst {
  let entry = parsed.get(template);
  if (entry === undefined) {
    entry = parseUncached(template);
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(template, entry);
  }
  if (entry instanceof TemplateError) throw entry;
  return entry;
}

function parseUncached(template: string): TemplateAst | TemplateError {
  try {
    const ast = parse(template);
    if (blocksBalance(template)) return ast;
  } catch (error) {
    return new TemplateError(`Invalid mapping template: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return new TemplateError("Invalid mapping template: a block directive (#if, #foreach, #macro, #define) is missing its #end, or an #end closes nothing");
}
