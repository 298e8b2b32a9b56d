// SNS subscription filter policies: validation with AWS's messages, and matching on message attributes and bodies.
// Pure: no server or database. Cases marked "AWS" are the ones AWS's documentation or recorded responses show.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  FilterPolicyError,
  type FilterPolicyScope,
  matchesAttributes,
  matchesBody,
  parseFilterPolicy,
  type PublishedAttribute,
} from "../../../server/services/sns/filter-policy";

const str = (value: string): PublishedAttribute => ({ DataType: "String", StringValue: value });
const num = (value: string): PublishedAttribute => ({ DataType: "Number", StringValue: value });
const list = (...values: unknown[]): PublishedAttribute => ({ DataType: "String.Array", StringValue: JSON.stringify(values) });
const bin = (): PublishedAttribute => ({ DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) });

interface AttributeCase {
  name: string;
  policy: object;
  attributes: Record<string, PublishedAttribute>;
  matches: boolean;
}

const interests = { customer_interests: ["rugby", "tennis"] };
const price = (expression: unknown[]) => ({ price_usd: [{ numeric: expression }] });

const attributeCases: AttributeCase[] = [
  // Exact strings, OR within a key, AND across keys
  { name: "AWS: exact string", policy: interests, attributes: { customer_interests: str("rugby") }, matches: true },
  { name: "AWS: another listed string", policy: interests, attributes: { customer_interests: str("tennis") }, matches: true },
  { name: "AWS: unlisted string", policy: interests, attributes: { customer_interests: str("baseball") }, matches: false },
  { name: "string matching is case-sensitive", policy: interests, attributes: { customer_interests: str("Rugby") }, matches: false },
  { name: "AWS: String.Array with a listed element", policy: interests, attributes: { customer_interests: list("rugby", "tennis") }, matches: true },
  { name: "AWS: String.Array without one", policy: interests, attributes: { customer_interests: list("baseball") }, matches: false },
  { name: "empty String.Array", policy: interests, attributes: { customer_interests: list() }, matches: false },
  {
    name: "AWS: AND across keys",
    policy: { customer_interests: ["rugby"], price_usd: [{ numeric: [">", 100] }] },
    attributes: { customer_interests: str("rugby"), price_usd: num("100.01") },
    matches: true,
  },
  {
    name: "AND fails when one key fails",
    policy: { customer_interests: ["rugby"], price_usd: [{ numeric: [">", 100] }] },
    attributes: { customer_interests: str("rugby"), price_usd: num("100") },
    matches: false,
  },
  { name: "a missing key fails", policy: { store: ["example_corp"], event: ["order_placed"] }, attributes: { store: str("example_corp") }, matches: false },
  { name: "unrelated attributes are ignored", policy: { store: ["example_corp"] }, attributes: { store: str("example_corp"), other: str("x") }, matches: true },
  { name: "attribute names may contain dots", policy: { "a.b": ["x"] }, attributes: { "a.b": str("x") }, matches: true },
  { name: "custom String type", policy: { t: ["x"] }, attributes: { t: { DataType: "String.custom", StringValue: "x" } }, matches: true },

  // Typed values: numbers compare numerically, strings and numbers never meet
  { name: "Number equals a policy number", policy: { n: [100] }, attributes: { n: num("100") }, matches: true },
  { name: "Number in exponent form", policy: { n: [100] }, attributes: { n: num("1e2") }, matches: true },
  { name: "Number equal within five decimals", policy: { n: [100] }, attributes: { n: num("100.000001") }, matches: true },
  { name: "Number different in the fourth decimal", policy: { n: [100] }, attributes: { n: num("100.0001") }, matches: false },
  { name: "custom Number type", policy: { n: [1.5] }, attributes: { n: { DataType: "Number.float", StringValue: "1.50" } }, matches: true },
  { name: "String attribute vs a policy number", policy: { n: [100] }, attributes: { n: str("100") }, matches: false },
  { name: "Number attribute vs a policy string", policy: { n: ["100"] }, attributes: { n: num("100") }, matches: false },
  { name: "String attribute vs a policy boolean", policy: { b: [true] }, attributes: { b: str("true") }, matches: false },
  { name: "String.Array elements keep their JSON types", policy: { b: [true], n: [7] }, attributes: { b: list("x", true), n: list("7", 7) }, matches: true },

  // numeric
  { name: "AWS: numeric = matches 3.015e2", policy: price(["=", 301.5]), attributes: { price_usd: num("3.015e2") }, matches: true },
  { name: "AWS: numeric < 0 with a negative value", policy: price(["<", 0]), attributes: { price_usd: num("-0.5") }, matches: true },
  { name: "numeric < 0 with zero", policy: price(["<", 0]), attributes: { price_usd: num("0") }, matches: false },
  { name: "AWS: numeric range includes its closed top", policy: price([">", 0, "<=", 150]), attributes: { price_usd: num("150") }, matches: true },
  { name: "numeric range excludes its open bottom", policy: price([">", 0, "<=", 150]), attributes: { price_usd: num("0") }, matches: false },
  { name: "numeric range excludes values above", policy: price([">", 0, "<=", 150]), attributes: { price_usd: num("150.5") }, matches: false },
  { name: "numeric >= includes its bound", policy: price([">=", 10]), attributes: { price_usd: num("10") }, matches: true },
  { name: "numeric never matches a String attribute", policy: price([">", 0]), attributes: { price_usd: str("5") }, matches: false },
  { name: "numeric on a String.Array of numbers", policy: price([">", 100]), attributes: { price_usd: list(1, 200) }, matches: true },
  { name: "numeric outside AWS's range never matches", policy: price([">", 0]), attributes: { price_usd: num("2e9") }, matches: false },

  // prefix, suffix, equals-ignore-case
  { name: "AWS: prefix", policy: { customer_interests: [{ prefix: "bas" }] }, attributes: { customer_interests: str("basketball") }, matches: true },
  { name: "AWS: prefix mismatch", policy: { customer_interests: [{ prefix: "bas" }] }, attributes: { customer_interests: str("rugby") }, matches: false },
  { name: "prefix never matches a Number", policy: { n: [{ prefix: "1" }] }, attributes: { n: num("12") }, matches: false },
  { name: "suffix", policy: { customer_interests: [{ suffix: "ball" }] }, attributes: { customer_interests: str("baseball") }, matches: true },
  { name: "suffix mismatch", policy: { customer_interests: [{ suffix: "ball" }] }, attributes: { customer_interests: str("rugby") }, matches: false },
  { name: "equals-ignore-case", policy: { name: [{ "equals-ignore-case": "RUGBY" }] }, attributes: { name: str("RuGbY") }, matches: true },
  { name: "equals-ignore-case mismatch", policy: { name: [{ "equals-ignore-case": "RUGBY" }] }, attributes: { name: str("rugby!") }, matches: false },
  { name: "operators OR with exact values", policy: { c: ["rugby", { prefix: "bas" }] }, attributes: { c: str("baseball") }, matches: true },

  // anything-but
  { name: "AWS: anything-but list", policy: { c: [{ "anything-but": ["rugby", "tennis"] }] }, attributes: { c: str("baseball") }, matches: true },
  { name: "AWS: anything-but listed value", policy: { c: [{ "anything-but": ["rugby", "tennis"] }] }, attributes: { c: str("rugby") }, matches: false },
  {
    name: "AWS: anything-but on a String.Array with an unlisted element",
    policy: { c: [{ "anything-but": ["rugby", "tennis"] }] },
    attributes: { c: list("rugby", "baseball") },
    matches: true,
  },
  { name: "anything-but on a String.Array of listed elements", policy: { c: [{ "anything-but": ["rugby", "tennis"] }] }, attributes: { c: list("rugby", "tennis") }, matches: false },
  { name: "anything-but needs the key", policy: { c: [{ "anything-but": ["rugby"] }] }, attributes: { other: str("x") }, matches: false },
  { name: "anything-but single string", policy: { c: [{ "anything-but": "rugby" }] }, attributes: { c: str("golf") }, matches: true },
  { name: "anything-but strings accepts a Number", policy: { c: [{ "anything-but": ["rugby"] }] }, attributes: { c: num("5") }, matches: true },
  { name: "AWS: anything-but numbers", policy: { price: [{ "anything-but": [100, 500] }] }, attributes: { price: num("100.1") }, matches: true },
  { name: "AWS: anything-but listed number", policy: { price: [{ "anything-but": [100, 500] }] }, attributes: { price: num("100") }, matches: false },
  { name: "anything-but numbers ignores strings", policy: { price: [{ "anything-but": [100, 500] }] }, attributes: { price: str("abc") }, matches: false },
  { name: "anything-but single number", policy: { price: [{ "anything-but": 100 }] }, attributes: { price: num("101") }, matches: true },
  { name: "AWS: anything-but prefix", policy: { event: [{ "anything-but": { prefix: "order-" } }] }, attributes: { event: str("order_number") }, matches: true },
  { name: "AWS: anything-but prefix excluded", policy: { event: [{ "anything-but": { prefix: "order-" } }] }, attributes: { event: str("order-cancelled") }, matches: false },
  {
    name: "AWS: anything-but combined with exists false, key absent",
    policy: { c: [{ "anything-but": ["rugby"] }, { exists: false }] },
    attributes: { other: str("x") },
    matches: true,
  },
  {
    name: "AWS: null or anything-but, no attributes at all",
    policy: { attr1: [null, { "anything-but": "whatever" }] },
    attributes: {},
    matches: false,
  },

  // exists
  { name: "AWS: exists true", policy: { store: [{ exists: true }] }, attributes: { store: num("99"), def: num("99") }, matches: true },
  { name: "AWS: exists true, key absent", policy: { store: [{ exists: true }] }, attributes: { attr1: num("111") }, matches: false },
  { name: "AWS: exists false, key absent", policy: { store: [{ exists: false }] }, attributes: { def: num("99") }, matches: true },
  { name: "AWS: exists false, key present", policy: { store: [{ exists: false }] }, attributes: { store: num("99"), def: num("99") }, matches: false },
  { name: "AWS: exists false needs at least one attribute", policy: { store: [{ exists: false }] }, attributes: {}, matches: false },
  { name: "exists true on an empty String.Array", policy: { store: [{ exists: true }] }, attributes: { store: list() }, matches: false },

  // Binary attributes are ignored
  { name: "AWS: Binary attributes are ignored by exists", policy: { b: [{ exists: true }] }, attributes: { b: bin() }, matches: false },
  { name: "a Binary attribute alone counts as no attributes", policy: { b: [{ exists: false }] }, attributes: { x: bin() }, matches: false },

  // cidr
  { name: "AWS: cidr includes its last address", policy: { source_ip: [{ cidr: "10.0.0.0/24" }] }, attributes: { source_ip: str("10.0.0.255") }, matches: true },
  { name: "AWS: cidr excludes other subnets", policy: { source_ip: [{ cidr: "10.0.0.0/24" }] }, attributes: { source_ip: str("10.1.1.0") }, matches: false },
  { name: "cidr ignores non-addresses", policy: { source_ip: [{ cidr: "10.0.0.0/24" }] }, attributes: { source_ip: str("10.0.0.x") }, matches: false },
  { name: "cidr with IPv6", policy: { source_ip: [{ cidr: "2001:db8::/32" }] }, attributes: { source_ip: str("2001:db8:ffff::1") }, matches: true },
  { name: "cidr with IPv6, other prefix", policy: { source_ip: [{ cidr: "2001:db8::/32" }] }, attributes: { source_ip: str("2001:db9::1") }, matches: false },
  { name: "IPv4 cidr vs an IPv6 address", policy: { source_ip: [{ cidr: "0.0.0.0/0" }] }, attributes: { source_ip: str("::1") }, matches: false },
  { name: "cidr range starts at the address as written", policy: { source_ip: [{ cidr: "10.0.0.128/24" }] }, attributes: { source_ip: str("10.0.0.1") }, matches: false },
  { name: "cidr range written mid-block ends at the block's last address", policy: { source_ip: [{ cidr: "10.0.0.128/24" }] }, attributes: { source_ip: str("10.0.0.255") }, matches: true },
  { name: "an IPv4-mapped IPv6 address is not in an IPv4 cidr", policy: { source_ip: [{ cidr: "10.0.0.0/24" }] }, attributes: { source_ip: str("::ffff:10.0.0.1") }, matches: false },

  // $or
  {
    name: "AWS: $or, first alternative",
    policy: { source: ["aws.cloudwatch"], $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"] }] },
    attributes: { source: str("aws.cloudwatch"), metricName: str("CPUUtilization") },
    matches: true,
  },
  {
    name: "AWS: $or, second alternative",
    policy: { source: ["aws.cloudwatch"], $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"] }] },
    attributes: { source: str("aws.cloudwatch"), namespace: str("AWS/EC2") },
    matches: true,
  },
  {
    name: "$or does not lift the AND with its siblings",
    policy: { source: ["aws.cloudwatch"], $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"] }] },
    attributes: { source: str("aws.events"), namespace: str("AWS/EC2") },
    matches: false,
  },

  { name: "the empty policy matches everything", policy: {}, attributes: {}, matches: true },
];

interface BodyCase {
  name: string;
  policy: object;
  /** An object is sent JSON-encoded; a string is sent as is. */
  body: object | string;
  matches: boolean;
}

const payload = { object: { key: [{ prefix: "auto-" }, "hardcodedvalue"], nested_key: [{ exists: false }] }, test: [{ exists: false }] };
const s3Policy = { Records: { s3: { object: { key: [{ prefix: "auto-" }] } }, eventName: [{ prefix: "ObjectCreated:" }] } };
const s3Record = (eventName: string, key: string) => ({ eventSource: "aws:s3", eventName, s3: { object: { key, size: 17 } } });
const cloudwatch = {
  $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
  detail: { scope: ["Service"], $or: [{ source: ["aws.cloudwatch"] }, { type: ["CloudWatch Alarm State Change"] }] },
};

const bodyCases: BodyCase[] = [
  // AWS-recorded nested policy with exists false (payload-based filtering)
  { name: "AWS: nested prefix", policy: payload, body: { object: { key: "auto-test" } }, matches: true },
  { name: "AWS: nested exact value", policy: payload, body: { object: { key: "hardcodedvalue" } }, matches: true },
  { name: "AWS: nested prefix mismatch", policy: payload, body: { object: { key: "test-auto" } }, matches: false },
  { name: "AWS: top-level key that must be absent", policy: payload, body: { object: { key: "auto-test" }, test: "just-exists" }, matches: false },
  { name: "AWS: nested key that must be absent", policy: payload, body: { object: { key: "auto-test", nested_key: "just-exists" } }, matches: false },
  { name: "AWS: nested key missing", policy: payload, body: { object: { test: "auto-test" } }, matches: false },
  { name: "AWS: parent missing", policy: payload, body: { test: "auto-test" }, matches: false },
  { name: "AWS: a body that is not JSON", policy: payload, body: "Regular string message", matches: false },
  { name: "AWS: a JSON body that is not an object", policy: payload, body: JSON.stringify("Regular string message"), matches: false },
  { name: "a JSON array body", policy: { a: ["x"] }, body: "[{\"a\":\"x\"}]", matches: false },

  // Dotted keys on either side
  { name: "AWS: dotted policy key, nested body", policy: { "object.nested": ["string.value"] }, body: { object: { nested: "string.value" } }, matches: true },
  { name: "AWS: dotted policy key, dotted body key", policy: { "object.nested": ["string.value"] }, body: { "object.nested": "string.value" }, matches: true },
  { name: "AWS: dotted policy key, other value", policy: { "object.nested": ["string.value"] }, body: { object: { nested: "test-auto" } }, matches: false },
  { name: "AWS: deep dotted key, nested body", policy: { "object.nested.test": ["string.value"] }, body: { object: { nested: { test: "string.value" } } }, matches: true },
  { name: "AWS: deep dotted key, partly dotted body", policy: { "object.nested.test": ["string.value"] }, body: { "object.nested": { test: "string.value" } }, matches: true },
  { name: "AWS: deep dotted key, dotted leaf", policy: { "object.nested.test": ["string.value"] }, body: { object: { "nested.test": "string.value" } }, matches: true },
  { name: "nested policy key, dotted body key", policy: { object: { nested: ["v"] } }, body: { "object.nested": "v" }, matches: true },

  // Arrays
  { name: "AWS: array value with the element", policy: { headers: { "route-to": ["queue1"] } }, body: { headers: { "route-to": ["queue1", "queue2"] } }, matches: true },
  { name: "AWS: array value without it", policy: { headers: { "route-to": ["queue1"] } }, body: { headers: { "route-to": ["queue3"] } }, matches: false },
  {
    name: "AWS: array of records, one record matching both keys (through a list of lists)",
    policy: s3Policy,
    body: { Records: [{ eventName: "ObjectCreated:Put", s3: { object: [[{ key: "auto-insurance-2314.xml" }]] } }, s3Record("ObjectRemoved:Delete", "home-insurance-2314.xml")] },
    matches: true,
  },
  { name: "AWS: a record failing one key", policy: s3Policy, body: { Records: [s3Record("ObjectRemoved:Delete", "auto-insurance-2314.xml")] }, matches: false },
  { name: "AWS: a record failing the other", policy: s3Policy, body: { Records: [s3Record("ObjectCreated:Put", "home-insurance-2314.xml")] }, matches: false },
  { name: "AWS: a record matching", policy: s3Policy, body: { Records: [s3Record("ObjectCreated:Put", "auto-insurance-2314.xml")] }, matches: true },
  {
    name: "keys matched through an array must come from the same element",
    policy: s3Policy,
    body: { Records: [s3Record("ObjectCreated:Put", "home-insurance.xml"), s3Record("ObjectRemoved:Delete", "auto-insurance.xml")] },
    matches: false,
  },
  { name: "empty array", policy: { a: [{ exists: true }] }, body: { a: [] }, matches: false },

  // Types in the body
  { name: "null matches null", policy: { a: [null] }, body: { a: null }, matches: true },
  { name: "null does not match a string", policy: { a: [null] }, body: { a: "null" }, matches: false },
  { name: "null does not match a missing key", policy: { a: [null] }, body: { b: 1 }, matches: false },
  { name: "booleans", policy: { flag: [false] }, body: { flag: false }, matches: true },
  { name: "a boolean is not a string", policy: { flag: [false] }, body: { flag: "false" }, matches: false },
  { name: "AWS: body number equals 3.015e2", policy: { price_usd: [{ numeric: ["=", 301.5] }] }, body: "{\"price_usd\": 3.015e2}", matches: true },
  { name: "numeric range on a body number", policy: { price_usd: [{ numeric: [">", 100, "<", 300] }] }, body: { price_usd: 210.75 }, matches: true },
  { name: "numeric range on a quoted number", policy: { price_usd: [{ numeric: [">", 100] }] }, body: { price_usd: "210.75" }, matches: false },
  { name: "exact number on a body number", policy: { id: [42] }, body: { id: 42.0 }, matches: true },
  { name: "exact number beyond the numeric range", policy: { account: [123456789012] }, body: { account: 123456789012 }, matches: true },

  // Operators in the body
  { name: "suffix in the body", policy: { file: [{ suffix: ".png" }] }, body: { file: "cat.png" }, matches: true },
  { name: "equals-ignore-case in the body", policy: { s: [{ "equals-ignore-case": "ok" }] }, body: { s: "OK" }, matches: true },
  { name: "cidr in the body", policy: { ip: [{ cidr: "192.168.0.0/16" }] }, body: { ip: "192.168.4.2" }, matches: true },
  { name: "AWS: anything-but on a body array", policy: { c: [{ "anything-but": ["rugby", "tennis"] }] }, body: { c: ["rugby", "baseball"] }, matches: true },
  { name: "anything-but on a missing body key", policy: { c: [{ "anything-but": ["rugby"] }] }, body: { d: "golf" }, matches: false },
  { name: "anything-but prefix in the body", policy: { e: [{ "anything-but": { prefix: "test-" } }] }, body: { e: "prod-1" }, matches: true },

  // exists in the body
  { name: "AWS: exists true on a leaf", policy: { store: [{ exists: true }] }, body: { store: "fans", customer_interests: ["baseball"] }, matches: true },
  { name: "AWS: exists true, key absent", policy: { store: [{ exists: true }] }, body: { customer_interests: ["baseball"] }, matches: false },
  { name: "AWS: exists true needs a non-null value", policy: { store: [{ exists: true }] }, body: { store: null }, matches: false },
  { name: "AWS: exists true needs a non-empty value", policy: { store: [{ exists: true }] }, body: { store: "" }, matches: false },
  { name: "AWS: exists only tests leaves", policy: { store: [{ exists: true }] }, body: { store: { name: "fans" } }, matches: false },
  { name: "exists false with a null value", policy: { store: [{ exists: false }] }, body: { store: null, x: 1 }, matches: true },
  { name: "exists false with a value", policy: { store: [{ exists: false }] }, body: { store: "fans" }, matches: false },

  // $or at several levels (AWS's payload example)
  { name: "$or: metricName and detail.source", policy: cloudwatch, body: { metricName: "CPUUtilization", detail: { scope: "Service", source: "aws.cloudwatch" } }, matches: true },
  { name: "$or: namespace and detail.type", policy: cloudwatch, body: { namespace: "AWS/ES", detail: { scope: "Service", type: "CloudWatch Alarm State Change" } }, matches: true },
  {
    name: "$or: wrong detail.scope",
    policy: cloudwatch,
    body: { metricName: "CPUUtilization", detail: { scope: "aws.cloudwatch", type: "CloudWatch Alarm State Change" } },
    matches: false,
  },
  { name: "$or: wrong detail.type", policy: cloudwatch, body: { metricName: "CPUUtilization", detail: { scope: "Service", type: "CPUUtilization" } }, matches: false },
  { name: "$or: neither detail alternative", policy: cloudwatch, body: { metricName: "CPUUtilization", detail: { scope: "Service" } }, matches: false },
  { name: "$or: scope outside detail", policy: cloudwatch, body: { metricName: "CPUUtilization", scope: "Service" }, matches: false },
  { name: "$or: a value under the other alternative's key", policy: cloudwatch, body: { namespace: "CPUUtilization", detail: { scope: "Service", source: "aws.cloudwatch" } }, matches: false },

  { name: "the empty policy matches any object", policy: {}, body: { anything: 1 }, matches: true },
];

interface InvalidCase {
  name: string;
  policy: object | string;
  scope?: FilterPolicyScope;
  /** The whole message of AWS's InvalidParameter error on SetSubscriptionAttributes. */
  error: string;
}

const values = (count: number) => Array.from({ length: count }, (_, i) => `value${i}`);
const numeric = (expression: unknown[]) => ({ key: [{ numeric: expression }] });

const invalidCases: InvalidCase[] = [
  // Recorded from AWS (the messages AWS follows with a parser position, "\n at [Source: …]", which we leave out)
  { name: "AWS: list inside a value list", policy: { key: [["value"]] }, error: "Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or null" },
  { name: "AWS: unknown operator", policy: { key: [{ "wrong-operator": true }] }, error: "Invalid parameter: FilterPolicy: Unrecognized match type wrong-operator" },
  { name: "AWS: two operators", policy: { key: [{ suffix: "value", prefix: "value2" }] }, error: "Invalid parameter: FilterPolicy: Only one key allowed in match expression" },
  { name: "AWS: numeric suffix", policy: { key: [{ suffix: 100 }] }, error: "Invalid parameter: FilterPolicy: suffix match pattern must be a string" },
  { name: "AWS: null suffix", policy: { key: [{ suffix: null }] }, error: "Invalid parameter: FilterPolicy: suffix match pattern must be a string" },
  { name: "AWS: empty list suffix", policy: { key: [{ suffix: [] }] }, error: "Invalid parameter: FilterPolicy: suffix match pattern must be a string" },
  { name: "AWS: list suffix", policy: { key: [{ suffix: ["test", "test2"] }] }, error: "Invalid parameter: FilterPolicy: suffix match pattern must be a string" },
  { name: "AWS: operator outside a list", policy: { key: { suffix: "value" } }, error: "Invalid parameter: FilterPolicy: \"suffix\" must be an object or an array" },
  { name: "AWS: two operators outside a list", policy: { key: { suffix: "value", prefix: "value" } }, error: "Invalid parameter: FilterPolicy: \"suffix\" must be an object or an array" },
  { name: "AWS: non-operator outside a list", policy: { key: { "not-an-operator": "value" } }, error: "Invalid parameter: FilterPolicy: \"not-an-operator\" must be an object or an array" },
  { name: "AWS: a bare value", policy: { key_a: "value_one" }, scope: "MessageBody", error: "Invalid parameter: FilterPolicy: \"key_a\" must be an object or an array" },
  { name: "AWS: empty numeric", policy: numeric([]), error: "Invalid parameter: FilterPolicy: Invalid member in numeric match: ]" },
  { name: "AWS: unknown numeric operator", policy: numeric(["operator"]), error: "Invalid parameter: FilterPolicy: Unrecognized numeric range operator: operator" },
  { name: "AWS: numeric value before its operator", policy: numeric([1, "<="]), error: "Invalid parameter: FilterPolicy: Invalid member in numeric match: 1" },
  { name: "AWS: quoted numeric value", policy: numeric(["=", "000"]), error: "Invalid parameter: FilterPolicy: Value of equals must be numeric" },
  { name: "AWS: missing numeric value", policy: numeric([">="]), error: "Invalid parameter: FilterPolicy: Value of >= must be numeric" },
  { name: "AWS: upper bound first", policy: numeric(["<", 100, ">", 10]), error: "Invalid parameter: FilterPolicy: Too many elements in numeric expression" },
  { name: "AWS: two lower bounds", policy: numeric([">=", 1, ">", 2]), error: "Invalid parameter: FilterPolicy: Bad numeric range operator: >" },
  { name: "AWS: bounds in the wrong order", policy: numeric([">", 3, "<", 1]), error: "Invalid parameter: FilterPolicy: Bottom must be less than top" },
  { name: "AWS: missing upper value", policy: numeric([">", 20, "<="]), error: "Invalid parameter: FilterPolicy: Value of <= must be numeric" },
  { name: "AWS: missing upper operator", policy: numeric([">", 20, 30]), error: "Invalid parameter: FilterPolicy: Bad value in numeric range: 30" },
  { name: "AWS: unknown upper operator", policy: numeric([">", 20, "test"]), error: "Invalid parameter: FilterPolicy: Bad numeric range operator: test" },
  { name: "AWS: quoted lower value", policy: numeric([">", "20", "<", "30"]), error: "Invalid parameter: FilterPolicy: Value of > must be numeric" },
  { name: "AWS: quoted upper value", policy: numeric([">", 20, "<", "30"]), error: "Invalid parameter: FilterPolicy: Value of < must be numeric" },
  { name: "AWS: three bounds", policy: numeric([">", 20, "<", 30, "<", 50]), error: "Invalid parameter: FilterPolicy: Too many terms in numeric range expression" },
  { name: "AWS: exists null", policy: { key: [{ exists: null }] }, error: "Invalid parameter: FilterPolicy: exists match pattern must be either true or false." },
  { name: "AWS: exists string", policy: { key: [{ exists: "no" }] }, error: "Invalid parameter: FilterPolicy: exists match pattern must be either true or false." },
  { name: "AWS: anything-but unknown operator", policy: { key: [{ "anything-but": { "wrong-operator": null } }] }, error: "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: wrong-operator" },
  { name: "AWS: anything-but suffix", policy: { key: [{ "anything-but": { suffix: "test" } }] }, error: "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix" },
  { name: "AWS: anything-but exists", policy: { key: [{ "anything-but": { exists: false } }] }, error: "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: exists" },
  { name: "AWS: anything-but boolean prefix", policy: { key: [{ "anything-but": { prefix: false } }] }, error: "Invalid parameter: FilterPolicy: prefix match pattern must be a string" },
  { name: "AWS: empty value list", policy: { Amount: [] }, error: "Invalid parameter: FilterPolicy: Empty arrays are not allowed" },
  { name: "AWS: 151 values", policy: { key: values(151) }, error: "Invalid parameter: FilterPolicy: Filter policy is too complex" },
  { name: "AWS: 100 x 51 values", policy: { key1: values(100), key2: values(51) }, error: "Invalid parameter: FilterPolicy: Filter policy is too complex" },
  {
    name: "AWS: 6 keys",
    policy: { key1: ["value1"], key2: ["value2"], key3: ["value3"], key4: ["value4"], key5: ["value5"], key6: ["value6"] },
    error: "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
  },
  {
    name: "AWS: 6 keys in body scope",
    policy: { key_a: ["value_one"], key_b: ["value_two"], key_c: ["value_three"], key_d: ["value_four"], key_e: ["value_five"], key_f: ["value_six"] },
    scope: "MessageBody",
    error: "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
  },
  {
    name: "AWS: $or adding up to 152 combinations",
    policy: {
      source: ["aws.cloudwatch", "aws.events", "aws.test", "aws.test2"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency", "t1", "t2", "t3", "t4"] },
        { metricType: ["MetricType", "TestType", "TestType2", "TestType3"], $or: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4] }] },
      ],
    },
    error: "Invalid parameter: FilterPolicy: Filter policy is too complex",
  },
  {
    name: "AWS: nested $or adding up to 160 weighted combinations",
    policy: {
      $or: [{ metricName: ["CPUUtilization", "ReadLatency", "TestValue"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
      detail: { scope: ["Service", "Test"], $or: [{ source: ["aws.cloudwatch"] }, { type: ["CloudWatch Alarm State Change", "TestValue", "TestValue2"] }] },
    },
    scope: "MessageBody",
    error: "Invalid parameter: FilterPolicy: Filter policy is too complex",
  },
  {
    name: "AWS: nested values weighted by depth (216)",
    policy: {
      key_a: { key_b: { key_c: ["value_one", "value_two", "value_three", "value_four"] } },
      key_d: { key_e: ["value_one", "value_two", "value_three"] },
      key_f: ["value_one", "value_two", "value_three"],
    },
    scope: "MessageBody",
    error: "Invalid parameter: FilterPolicy: Filter policy is too complex",
  },
  {
    name: "AWS: nesting in attribute scope",
    policy: { object: { key: [{ prefix: "auto-" }] } },
    error: "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
  },
  {
    name: "AWS: leaf keys are counted, not their parents",
    policy: { finding: { a: [{ exists: true }], b: [{ exists: true }], c: [{ exists: true }] }, state: ["SUCCESS"], severity: [{ exists: true }], message: [{ exists: true }] },
    scope: "MessageBody",
    error: "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
  },
  { name: "AWS: invalid JSON", policy: "{invalidjson}", error: "Invalid parameter: FilterPolicy: failed to parse JSON." },

  // AWS's rule engine
  { name: "policy not an object", policy: "[]", error: "Invalid parameter: FilterPolicy: Filter is not an object" },
  { name: "empty nested object", policy: { a: {} }, scope: "MessageBody", error: "Invalid parameter: FilterPolicy: Empty objects are not allowed" },
  { name: "empty match expression", policy: { a: [{}] }, error: "Invalid parameter: FilterPolicy: Match expression name not found" },
  { name: "prefix not a string", policy: { a: [{ prefix: 1 }] }, error: "Invalid parameter: FilterPolicy: prefix match pattern must be a string" },
  { name: "equals-ignore-case not a string", policy: { a: [{ "equals-ignore-case": true }] }, error: "Invalid parameter: FilterPolicy: equals-ignore-case match pattern must be a string" },
  { name: "exists with a second key", policy: { a: [{ exists: true, prefix: "x" }] }, error: "Invalid parameter: FilterPolicy: Only one key allowed in match expression" },
  { name: "numeric not a list", policy: { a: [{ numeric: 5 }] }, error: "Invalid parameter: FilterPolicy: Value of numeric must be an array." },
  { name: "numeric with a second key", policy: { a: [{ numeric: [">", 0], prefix: "x" }] }, error: "Invalid parameter: FilterPolicy: Too many elements in numeric expression" },
  { name: "= with two values", policy: numeric(["=", 1, 2]), error: "Invalid parameter: FilterPolicy: Too many elements in numeric expression" },
  { name: "numeric bound beyond 10^9", policy: numeric([">", 1e9 + 1]), error: "Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive" },
  { name: "numeric bound below -10^9", policy: numeric([">", -1e10, "<", 0]), error: "Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive" },
  { name: "anything-but boolean", policy: { a: [{ "anything-but": true }] }, error: "Invalid parameter: FilterPolicy: Value of anything-but must be an array or single string/number value." },
  { name: "anything-but null", policy: { a: [{ "anything-but": null }] }, error: "Invalid parameter: FilterPolicy: Value of anything-but must be an array or single string/number value." },
  { name: "anything-but list with null", policy: { a: [{ "anything-but": ["x", null] }] }, error: "Invalid parameter: FilterPolicy: Inside anything but list, start|null|boolean is not supported." },
  {
    name: "anything-but mixed list",
    policy: { a: [{ "anything-but": ["x", 1] }] },
    error: "Invalid parameter: FilterPolicy: Inside anything but list, either all values are number or string, mixed type is not supported",
  },
  {
    name: "anything-but empty list",
    policy: { a: [{ "anything-but": [] }] },
    error: "Invalid parameter: FilterPolicy: Inside anything but list, either all values are number or string, mixed type is not supported",
  },
  { name: "anything-but number beyond 10^9", policy: { a: [{ "anything-but": [2e9] }] }, error: "Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive" },
  { name: "anything-but empty object", policy: { a: [{ "anything-but": {} }] }, error: "Invalid parameter: FilterPolicy: Anything-But expression name not found" },
  { name: "anything-but empty prefix", policy: { a: [{ "anything-but": { prefix: "" } }] }, error: "Invalid parameter: FilterPolicy: Null prefix not allowed" },
  { name: "anything-but with a second key", policy: { a: [{ "anything-but": ["x"], prefix: "y" }] }, error: "Invalid parameter: FilterPolicy: Too many elements in numeric expression" },
  { name: "cidr not a string", policy: { ip: [{ cidr: 10 }] }, error: "Invalid parameter: FilterPolicy: prefix match pattern must be a string" },
  { name: "cidr without a mask", policy: { ip: [{ cidr: "10.0.0.0" }] }, error: "Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required" },
  { name: "cidr with an empty mask", policy: { ip: [{ cidr: "10.0.0.0/" }] }, error: "Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required" },
  { name: "cidr mask not a number", policy: { ip: [{ cidr: "10.0.0.0/x" }] }, error: "Invalid parameter: FilterPolicy: Malformed CIDR, mask bits must be an integer" },
  { name: "cidr negative mask", policy: { ip: [{ cidr: "10.0.0.0/-1" }] }, error: "Invalid parameter: FilterPolicy: Malformed CIDR, mask bits must not be negative" },
  { name: "cidr with a bad address", policy: { ip: [{ cidr: "10.0.0/24" }] }, error: "Invalid parameter: FilterPolicy: Nonstandard IP address: 10.0.0" },
  { name: "IPv4 cidr /32", policy: { ip: [{ cidr: "10.0.0.1/32" }] }, error: "Invalid parameter: FilterPolicy: IPv4 mask bits must be < 32" },
  { name: "IPv6 cidr /128", policy: { ip: [{ cidr: "::1/128" }] }, error: "Invalid parameter: FilterPolicy: IPv6 mask bits must be < 128" },
  { name: "$or not a list", policy: { $or: { a: ["x"] } }, error: "Invalid parameter: FilterPolicy: It must be an Array followed with $or." },
  { name: "$or of values", policy: { $or: ["x", "y"] }, error: "Invalid parameter: FilterPolicy: Only JSON object is allowed in array of $or relationship." },
  { name: "$or with one alternative", policy: { $or: [{ a: ["x"] }] }, error: "Invalid parameter: FilterPolicy: There must have at least 2 Objects in $or relationship." },
  {
    name: "operator name as a key inside $or",
    policy: { $or: [{ prefix: ["x"] }, { a: ["y"] }] },
    error: "Invalid parameter: FilterPolicy: prefix is Ruler reserved fieldName which cannot be used inside $or.",
  },
  { name: "the first problem in reading order wins", policy: { a: [{ prefix: 1 }], b: [] }, error: "Invalid parameter: FilterPolicy: prefix match pattern must be a string" },
  { name: "policy over 256 KB", policy: { key: ["x".repeat(256 * 1024)] }, error: "Invalid parameter: FilterPolicy: Filter policy is too large" },
];

const validCases: { name: string; policy: object; scope?: FilterPolicyScope }[] = [
  {
    name: "AWS: $or adding up to exactly 150",
    policy: {
      source: ["aws.cloudwatch", "aws.events", "aws.test"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency", "TestVal", "TestVal2", "TestVal3", "TestVal4"] },
        { metricType: ["MetricType", "TestType", "TestType2", "TestType3"], $or: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }] },
      ],
    },
  },
  {
    name: "AWS: the documented 72-combination nested policy",
    policy: { key_a: { key_b: { key_c: ["value_one", "value_two", "value_three", "value_four"] } }, key_d: { key_e: ["value_one", "value_two", "value_three"] } },
    scope: "MessageBody",
  },
  { name: "AWS: anything-but prefix", policy: { key: [{ "anything-but": { prefix: "test-" } }] } },
  { name: "AWS: anything-but list", policy: { key: [{ "anything-but": ["test", "test2"] }] } },
  { name: "AWS: anything-but single value", policy: { key: [{ "anything-but": "test" }] } },
  { name: "AWS: null with anything-but", policy: { attr1: [null, { "anything-but": "whatever" }] } },
  { name: "150 values on one key", policy: { key: values(150) } },
  { name: "five keys", policy: { a: ["1"], b: ["2"], c: ["3"], d: ["4"], e: ["5"] } },
  { name: "numeric bounds at ±10^9", policy: numeric([">=", -1e9, "<=", 1e9]) },
  { name: "exact numbers beyond 10^9 (account ids)", policy: { account: [123456789012] } },
  { name: "the empty policy", policy: {} },
];

function policyText(policy: object | string): string {
  return typeof policy === "string" ? policy : JSON.stringify(policy);
}

describe("SNS filter policy matching, MessageAttributes scope", () => {
  for (const c of attributeCases) {
    it(`${c.matches ? "matches" : "rejects"}: ${c.name}`, () => {
      const policy = parseFilterPolicy(JSON.stringify(c.policy), "MessageAttributes");
      assert.equal(matchesAttributes(policy, c.attributes), c.matches);
    });
  }
});

describe("SNS filter policy matching, MessageBody scope", () => {
  for (const c of bodyCases) {
    it(`${c.matches ? "matches" : "rejects"}: ${c.name}`, () => {
      const policy = parseFilterPolicy(JSON.stringify(c.policy), "MessageBody");
      assert.equal(matchesBody(policy, typeof c.body === "string" ? c.body : JSON.stringify(c.body)), c.matches);
    });
  }
});

describe("SNS filter policy validation", () => {
  for (const c of invalidCases) {
    it(`refuses ${c.name}`, () => {
      assert.throws(
        () => parseFilterPolicy(policyText(c.policy), c.scope ?? "MessageAttributes"),
        (error: unknown) => {
          assert.ok(error instanceof FilterPolicyError);
          assert.equal(`Invalid parameter: ${error.reason}`, c.error);
          return true;
        },
      );
    });
  }

  for (const c of validCases) {
    it(`accepts ${c.name}`, () => {
      assert.doesNotThrow(() => parseFilterPolicy(JSON.stringify(c.policy), c.scope ?? "MessageAttributes"));
    });
  }

  it("puts AWS's text after 'FilterPolicy: ' in the message, and the scope error whole", () => {
    assert.throws(() => parseFilterPolicy('{"a":[]}', "MessageAttributes"), { message: "Empty arrays are not allowed", reason: "FilterPolicy: Empty arrays are not allowed" });
    const nested = "Filter policy scope MessageAttributes does not support nested filter policy";
    assert.throws(() => parseFilterPolicy('{"a":{"b":["x"]}}', "MessageAttributes"), { message: nested, reason: nested });
  });

  it("accepts in body scope what it refuses as nested in attribute scope", () => {
    const policy = parseFilterPolicy('{"a":{"b":["x"]}}', "MessageBody");
    assert.equal(policy.scope, "MessageBody");
    assert.equal(matchesBody(policy, '{"a":{"b":"x"}}'), true);
  });
});
