/** Renders an API Gateway (REST) mapping template: Velocity with `$input`, `$context`, `$stageVariables` and `$util`. */
import { Compile } from "velocityjs";
import { InputVariable } from "./input";
import { javaMethods } from "./java-methods";
import { isRecord } from "./json-values";
import { readOverrides, withOverrideSlots } from "./overrides";
import { renderValue } from "./render-value";
import { type TemplateAst, parseTemplate } from "./syntax";
import { TemplateError } from "./template-error";
import type { TemplateInput, TemplateOutput } from "./types";
import { createUtil } from "./util";

function isForeachBlock(node: unknown): boolean {
  return Array.isArray(node) && isRecord(node[0]) && node[0].type === "foreach";
}

class MappingTemplate extends Compile {
  /**
   * velocityjs finishes the loop pass a `#break` occurs in and only skips the passes after it; Velocity leaves
   * at once. Rendering node by node lets the rest of the pass go. (After a loop over a map velocityjs also
   * leaves its break flag set, which must not stop what follows the loop.)
   */
  override renderAstList(asts: TemplateAst = this.asts, contextId?: string): string {
    let output = "";
    for (const node of asts) {
      output += super.renderAstList([node], contextId);
      if (isForeachBlock(node)) this.runState.break = false;
      else if (this.runState.break) break;
    }
    return output;
  }

  /** Every reference the template prints passes through here with `isVal`; values used inside expressions do not. */
  protected override getReferences(ast: TemplateAst[number], isVal?: boolean): string {
    if (!isVal) return super.getReferences(ast, isVal);
    const value: unknown = super.getReferences(ast, isVal);
    return renderValue(value);
  }
}

/** Renders `template`; throws TemplateError when the template cannot be parsed or evaluated. */
export function renderMappingTemplate(template: string, input: TemplateInput): TemplateOutput {
  const ast = parseTemplate(template);
  // A copy, so that what the template sets stays out of the caller's objects.
  const context = withOverrideSlots(structuredClone(input.context));
  const variables = {
    input: new InputVariable(input.body, input.params),
    context,
    stageVariables: { ...input.stageVariables },
    util: createUtil(),
  };
  try {
    // Quiet rendering: an absent reference prints nothing (see renderValue).
    const body = new MappingTemplate(ast, { customMethodHandlers: javaMethods }).render(variables, undefined, true);
    return { body, overrides: readOverrides(context) };
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(`Mapping template evaluation failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
