/**
 * SNS subscription filter policies: validation (with AWS's error messages) and matching.
 *
 *   parseFilterPolicy(json: string, scope: FilterPolicyScope): CompiledFilterPolicy
 *     Validates and compiles a FilterPolicy attribute value for the subscription's FilterPolicyScope. Throws
 *     FilterPolicyError: `message` is AWS's text after "Invalid parameter: FilterPolicy: ", `reason` the text after
 *     "Invalid parameter: " (or after "Invalid parameter: Attributes Reason: " on Subscribe). Use `reason`: for
 *     the scope error ("Filter policy scope MessageAttributes does not support nested filter policy") AWS omits
 *     the "FilterPolicy: " label. The empty string (which unsets the policy) is the caller's business.
 *   matchesAttributes(policy, attributes: Record<string, PublishedAttribute>): boolean
 *     MessageAttributes scope, against the published (validated) message attributes.
 *   matchesBody(policy, body: string): boolean
 *     MessageBody scope, against the raw message; a body that is not a JSON object matches nothing.
 *
 * Semantics follow AWS's documentation and the rule engine behind it:
 * - keys AND together, the values of one key OR together, `$or` ORs whole sub-policies (at any level);
 * - values: exact strings / numbers (compared numerically) / true / false / null, `prefix`, `suffix`,
 *   `equals-ignore-case`, `anything-but` (a value or a list of strings or of numbers, or `{"prefix": …}`),
 *   `numeric` (`=`, or `>`/`>=` optionally followed by `<`/`<=`, or `<`/`<=`), `exists`, `cidr`;
 * - values are typed: a String attribute "5" is not the number 5; Number attributes compare numerically;
 *   String.Array attributes and body arrays match when any element does; Binary attributes are ignored;
 * - body keys nest (`{"a": {"b": [...]}}`) and may be written dotted (`{"a.b": [...]}`) on either side; keys
 *   matched together through an array must come from the same element of that array;
 * - a missing key fails every value test, `anything-but` included; only `{"exists": false}` accepts it.
 */
export { FilterPolicyError } from "./errors";
export { matchesAttributes, matchesBody } from "./match";
export { parseFilterPolicy } from "./parse";
export type { CompiledFilterPolicy, FilterPolicyScope, PublishedAttribute } from "./types";
