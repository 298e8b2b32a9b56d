/**
 * Java methods templates call on strings, lists and maps. velocityjs supplies the collection basics
 * (get, put, size, keySet, entrySet, add, remove, subList) and JavaScript's own methods; these fill in
 * the rest, and give Java's meaning to the methods JavaScript names alike but runs differently (replace, split).
 */
import { isRecord } from "./json-values";
import { javaString } from "./render-value";

interface MethodCall {
  property: string;
  context: unknown;
  params: unknown[];
}

/** velocityjs's `customMethodHandlers` entry: consulted before its own handlers and the value's methods. */
export interface MethodHandler {
  uid: string;
  match(call: MethodCall): boolean;
  resolve(call: MethodCall): unknown;
}

type Method<Receiver> = (receiver: Receiver, ...args: unknown[]) => unknown;

/** Java's replacement syntax: `$n` inserts group n, a backslash makes the next character literal. */
function javaReplacement(replacement: unknown): (...match: unknown[]) => string {
  return (...match) => String(replacement).replace(/\\(.)|\$(\d)/g, (_, literal: string | undefined, group: string) => literal ?? String(match[Number(group)] ?? ""));
}

/** Java's split: the separator is a regex, and trailing empty strings are dropped when anything was split. */
function javaSplit(text: string, regex: unknown): string[] {
  const parts = text.split(new RegExp(String(regex)));
  if (parts.length === 1) return parts;
  while (parts.at(-1) === "") parts.pop();
  return parts;
}

const stringMethods: Record<string, Method<string>> = {
  length: (text) => text.length,
  isEmpty: (text) => text.length === 0,
  contains: (text, part) => text.includes(String(part)),
  equals: (text, other) => text === other,
  equalsIgnoreCase: (text, other) => typeof other === "string" && text.toLowerCase() === other.toLowerCase(),
  // Java's replace swaps every occurrence of the literal text; JavaScript's only the first.
  replace: (text, target, replacement) => text.split(String(target)).join(String(replacement)),
  replaceAll: (text, regex, replacement) => text.replace(new RegExp(String(regex), "g"), javaReplacement(replacement)),
  replaceFirst: (text, regex, replacement) => text.replace(new RegExp(String(regex)), javaReplacement(replacement)),
  matches: (text, regex) => new RegExp(`^(?:${String(regex)})$`).test(text),
  split: javaSplit,
};

const listMethods: Record<string, Method<unknown[]>> = {
  contains: (list, item) => list.includes(item),
  isEmpty: (list) => list.length === 0,
};

const mapMethods: Record<string, Method<Record<string, unknown>>> = {
  containsKey: (map, key) => Object.hasOwn(map, String(key)),
  isEmpty: (map) => Object.keys(map).length === 0,
  values: (map) => Object.values(map),
};

function handler<Receiver>(kind: string, accepts: (value: unknown) => value is Receiver, methods: Record<string, Method<Receiver>>): MethodHandler {
  const methodFor = (call: MethodCall) => (Object.hasOwn(methods, call.property) ? methods[call.property] : undefined);
  return {
    uid: `apigateway: ${kind} methods`,
    match: (call) => accepts(call.context) && methodFor(call) !== undefined,
    resolve: (call) => {
      const method = methodFor(call);
      return method && accepts(call.context) ? method(call.context, ...call.params) : undefined;
    },
  };
}

export const javaMethods: MethodHandler[] = [
  handler("string", (value): value is string => typeof value === "string", stringMethods),
  handler("list", Array.isArray, listMethods),
  handler("map", isRecord, mapMethods),
  { uid: "apigateway: toString", match: ({ property, params }) => property === "toString" && params.length === 0, resolve: ({ context }) => javaString(context) },
];
