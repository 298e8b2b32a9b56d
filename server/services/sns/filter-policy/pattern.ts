import { invalid } from "./errors";
import { isArray, isScalar, type JsonObject } from "./json";
import { isJsonObject } from "../../../lib/json";
import { parseCidr } from "./ip";
import { compileNumeric, TOO_MANY_ELEMENTS } from "./numeric";
import { checkNumericOperand } from "./numbers";
import type { KeyRule, ValuePattern } from "./types";

const ONLY_ONE_KEY = "Only one key allowed in match expression";

/** A compiled element of a key's value array: a value pattern, or an `exists` test on the key. */
type Element = ValuePattern | { type: "exists"; value: boolean };

/** The match expression's single operator and operand; a second key is reported after the operand is checked. */
function operatorOf(expression: JsonObject): { operator: string; operand: unknown; extraKeys: boolean } {
  const entries = Object.entries(expression);
  const first = entries[0] ?? invalid("Match expression name not found");
  return { operator: first[0], operand: first[1], extraKeys: entries.length > 1 };
}

function single<T>(pattern: T, extraKeys: boolean, message = ONLY_ONE_KEY): T {
  if (extraKeys) invalid(message);
  return pattern;
}

function stringOperand(operand: unknown, operator: string): string {
  if (typeof operand !== "string") invalid(`${operator} match pattern must be a string`);
  return operand;
}

/** `anything-but` takes one string or number, a list of strings or of numbers, or `{"prefix": …}`. */
function compileAnythingBut(operand: unknown): ValuePattern {
  if (isJsonObject(operand)) {
    const entries = Object.entries(operand);
    const [inner, value] = entries[0] ?? invalid("Anything-But expression name not found");
    if (inner !== "prefix") invalid(`Unsupported anything-but pattern: ${inner}`);
    const prefix = stringOperand(value, "prefix");
    if (prefix === "") invalid("Null prefix not allowed");
    return single({ type: "anything-but-prefix", value: prefix }, entries.length > 1);
  }
  if (isArray(operand)) {
    const strings: string[] = [];
    const numbers: number[] = [];
    for (const value of operand) {
      if (typeof value === "string") strings.push(value);
      else if (typeof value === "number") numbers.push(checkNumericOperand(value));
      else invalid("Inside anything but list, start|null|boolean is not supported.");
    }
    if ((strings.length > 0) === (numbers.length > 0)) {
      invalid("Inside anything but list, either all values are number or string, mixed type is not supported");
    }
    return numbers.length > 0 ? { type: "anything-but-number", values: numbers } : { type: "anything-but", values: new Set(strings) };
  }
  if (typeof operand === "string") return { type: "anything-but", values: new Set([operand]) };
  if (typeof operand === "number") return { type: "anything-but-number", values: [checkNumericOperand(operand)] };
  return invalid("Value of anything-but must be an array or single string/number value.");
}

function compileExpression(expression: JsonObject): Element {
  const { operator, operand, extraKeys } = operatorOf(expression);
  switch (operator) {
    case "prefix":
    case "suffix":
      return single({ type: operator, value: stringOperand(operand, operator) }, extraKeys);
    case "equals-ignore-case":
      return single({ type: operator, lowered: stringOperand(operand, operator).toLowerCase() }, extraKeys);
    case "numeric":
      return single(compileNumeric(operand), extraKeys, TOO_MANY_ELEMENTS);
    case "anything-but": {
      const pattern = compileAnythingBut(operand);
      // AWS reports a second key next to a nested `{"prefix": …}` as "only one key", elsewhere as "too many elements".
      return single(pattern, extraKeys, pattern.type === "anything-but-prefix" ? ONLY_ONE_KEY : TOO_MANY_ELEMENTS);
    }
    case "exists":
      if (typeof operand !== "boolean") invalid("exists match pattern must be either true or false.");
      return single({ type: "exists", value: operand }, extraKeys);
    case "cidr":
      // AWS's message for a non-string CIDR really does name `prefix`.
      return single({ type: "cidr", range: parseCidr(stringOperand(operand, "prefix")) }, extraKeys);
    default:
      return invalid(`Unrecognized match type ${operator}`);
  }
}

function compileElement(value: unknown): Element {
  if (isScalar(value)) return { type: "equals", value };
  if (!isJsonObject(value)) invalid("Match value must be String, number, true, false, or null");
  return compileExpression(value);
}

/** Compiles a key's value array (an OR of its elements), checking elements in order, then emptiness. */
export function compileKeyRule(values: readonly unknown[]): KeyRule {
  const elements = values.map(compileElement);
  if (elements.length === 0) invalid("Empty arrays are not allowed");
  const patterns: ValuePattern[] = [];
  let ifPresent = false;
  let ifAbsent = false;
  for (const element of elements) {
    if (element.type !== "exists") patterns.push(element);
    else if (element.value) ifPresent = true;
    else ifAbsent = true;
  }
  return { patterns, ifPresent, ifAbsent };
}
