import { invalid } from "./errors";
import { isArray, tokenText } from "./json";
import { checkNumericOperand } from "./numbers";
import type { NumericBound, ValuePattern } from "./types";

type NumericPattern = Extract<ValuePattern, { type: "numeric" }>;

/** AWS also uses this for a second key next to `numeric` or `anything-but`. */
export const TOO_MANY_ELEMENTS = "Too many elements in numeric expression";

function operandOf(value: unknown, operator: string): number {
  if (typeof value !== "number") invalid(`Value of ${operator === "=" ? "equals" : operator} must be numeric`);
  return value;
}

/** Checks the operand limits last, as AWS does once the expression's syntax is accepted. */
function bounded(lower?: NumericBound, upper?: NumericBound): NumericPattern {
  if (lower) checkNumericOperand(lower.value);
  if (upper) checkNumericOperand(upper.value);
  return { type: "numeric", lower, upper };
}

/** `[">", 0, "<=", 150]`: only a lower bound may be followed by an upper one. */
function range(expression: readonly unknown[], lower: NumericBound): NumericPattern {
  const operator = expression[2];
  if (typeof operator !== "string") invalid(`Bad value in numeric range: ${tokenText(operator)}`);
  if (operator !== "<" && operator !== "<=") invalid(`Bad numeric range operator: ${operator}`);
  const upper = { value: operandOf(expression[3], operator), inclusive: operator === "<=" };
  if (expression.length > 4) invalid("Too many terms in numeric range expression");
  const pattern = bounded(lower, upper);
  if (lower.value >= upper.value) invalid("Bottom must be less than top");
  return pattern;
}

/** Compiles `{"numeric": [...]}`, reporting the first problem in reading order with AWS's messages. */
export function compileNumeric(expression: unknown): NumericPattern {
  if (!isArray(expression)) return invalid("Value of numeric must be an array.");
  const operator = expression[0];
  if (typeof operator !== "string") return invalid(`Invalid member in numeric match: ${tokenText(operator)}`);
  switch (operator) {
    case "=": {
      const exact = { value: operandOf(expression[1], operator), inclusive: true };
      if (expression.length > 2) invalid(TOO_MANY_ELEMENTS);
      return bounded(exact, exact);
    }
    case ">":
    case ">=": {
      const lower = { value: operandOf(expression[1], operator), inclusive: operator === ">=" };
      return expression.length === 2 ? bounded(lower) : range(expression, lower);
    }
    case "<":
    case "<=": {
      const upper = { value: operandOf(expression[1], operator), inclusive: operator === "<=" };
      if (expression.length > 2) invalid(TOO_MANY_ELEMENTS);
      return bounded(undefined, upper);
    }
    default:
      return invalid(`Unrecognized numeric range operator: ${operator}`);
  }
}
