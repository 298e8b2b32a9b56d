import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { coerceStringScalars } from "../../../server/gateway/protocols/coerce";
import { toJson } from "../../../server/gateway/protocols/json";
import { parseQueryTree } from "../../../server/gateway/protocols/queryTree";
import { compileRestPath, matchRestPath } from "../../../server/gateway/protocols/restPath";
import { escapeXml, xmlElement, xmlMembers } from "../../../server/gateway/protocols/xml";

describe("XML serializer", () => {
  test("escapes markup, quotes and line breaks", () => {
    assert.equal(escapeXml(`a<b>&"c"'d'\r\n\u2028`), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#xD;&#xA;&#x2028;");
    assert.equal(xmlElement("Body", "<script>&amp;"), "<Body>&lt;script&gt;&amp;amp;</Body>");
  });

  test("structures become child elements in property order, skipping null and undefined", () => {
    assert.equal(
      xmlMembers({ Name: "q", Missing: undefined, Nothing: null, Count: 0, On: false, Ratio: 1.5, Nested: { Inner: "x" } }),
      "<Name>q</Name><Count>0</Count><On>false</On><Ratio>1.5</Ratio><Nested><Inner>x</Inner></Nested>",
    );
  });

  test("timestamps are ISO 8601 and blobs base64", () => {
    assert.equal(xmlElement("T", new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), "<T>2024-01-02T03:04:05.000Z</T>");
    assert.equal(xmlElement("B", Buffer.from("hi")), "<B>aGk=</B>");
  });

  test("lists are wrapped in <member> by default, or flattened, or use a declared item name", () => {
    assert.equal(xmlElement("Names", ["a", "b"]), "<Names><member>a</member><member>b</member></Names>");
    assert.equal(xmlElement("Names", []), "<Names></Names>");
    assert.equal(xmlElement("QueueUrl", ["u1", "u2"], { flattened: true }), "<QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>");
    assert.equal(xmlElement("Ids", ["1"], { memberName: "Id" }), "<Ids><Id>1</Id></Ids>");
  });

  test("member hints rename and flatten nested lists of structures", () => {
    const output = { Messages: [{ MessageId: "m1", Attributes: { SenderId: "s" } }] };
    const shape = {
      members: {
        Messages: { name: "Message", flattened: true, items: { members: { Attributes: { name: "Attribute", flattened: true, map: { key: "Name", value: "Value" } } } } },
      },
    };
    assert.equal(
      xmlMembers(output, shape),
      "<Message><MessageId>m1</MessageId><Attribute><Name>SenderId</Name><Value>s</Value></Attribute></Message>",
    );
  });

  test("maps are <entry><key/><value/></entry> unless declared otherwise", () => {
    assert.equal(xmlElement("Tags", { a: "1", b: "2" }, { map: {} }), "<Tags><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></Tags>");
    assert.equal(xmlElement("Attribute", { a: "<1>" }, { flattened: true, map: { key: "Name", value: "Value" } }), "<Attribute><Name>a</Name><Value>&lt;1&gt;</Value></Attribute>");
  });
});

describe("query parameter decoding", () => {
  test("wrapped and flattened lists become arrays in index order", () => {
    const tree = parseQueryTree([
      ["AttributeNames.member.2", "B"],
      ["AttributeNames.member.10", "C"],
      ["AttributeNames.member.1", "A"],
      ["Entry.1.Id", "x"],
      ["Entry.1.Nested.member.1", "n"],
      ["Entry.2.Id", "y"],
      ["QueueName", "q"],
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(tree)), {
      AttributeNames: ["A", "B", "C"],
      Entry: [{ Id: "x", Nested: ["n"] }, { Id: "y" }],
      QueueName: "q",
    });
  });

  test("keys that would reach prototypes stay ordinary data", () => {
    const tree = parseQueryTree([["__proto__.polluted", "yes"], ["constructor.prototype.polluted", "yes"]]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(tree), ["__proto__", "constructor"]);
  });

  test("a scalar and a nested key under the same name keep the first", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(parseQueryTree([["A", "1"], ["A.B", "2"]]))), { A: "1" });
  });
});

describe("coercing query strings to the input schema", () => {
  const schema = z.object({
    MaxNumberOfMessages: z.number().int().max(10).optional(),
    WaitTimeSeconds: z.number().default(0),
    Delete: z.boolean().optional(),
    Sizes: z.array(z.number()).optional(),
    Limits: z.record(z.number()).optional(),
    Nested: z.object({ Flag: z.boolean() }).optional(),
    Refined: z.number().refine((n) => n > 0).optional(),
    Name: z.string(),
  });

  test("numbers and booleans the schema declares are converted; strings stay strings", () => {
    const input = { MaxNumberOfMessages: "5", WaitTimeSeconds: "20", Delete: "true", Sizes: ["1", "2.5"], Limits: { a: "3" }, Nested: { Flag: "false" }, Refined: "7", Name: "42" };
    assert.deepEqual(schema.parse(coerceStringScalars(schema, input)), {
      MaxNumberOfMessages: 5,
      WaitTimeSeconds: 20,
      Delete: true,
      Sizes: [1, 2.5],
      Limits: { a: 3 },
      Nested: { Flag: false },
      Refined: 7,
      Name: "42",
    });
  });

  test("values that are not numbers or booleans are left for zod to reject", () => {
    const coerced = coerceStringScalars(schema, { MaxNumberOfMessages: "ten", Delete: "yes", WaitTimeSeconds: "", Name: "n" });
    assert.deepEqual(coerced, { MaxNumberOfMessages: "ten", Delete: "yes", WaitTimeSeconds: "", Name: "n" });
    assert.equal(schema.safeParse(coerced).success, false);
  });
});

describe("restJson1 URI templates", () => {
  test("labels match one segment, greedy labels several, and are percent-decoded", () => {
    const invoke = compileRestPath("/2015-03-31/functions/{FunctionName}/invocations");
    assert.deepEqual(matchRestPath(invoke, "/2015-03-31/functions/my%20fn/invocations"), { FunctionName: "my fn" });
    assert.equal(matchRestPath(invoke, "/2015-03-31/functions/a/b/invocations"), undefined);
    assert.equal(matchRestPath(invoke, "/2015x03-31/functions/a/invocations"), undefined);
    const greedy = compileRestPath("/objects/{Key+}");
    assert.deepEqual(matchRestPath(greedy, "/objects/a/b%2Fc"), { Key: "a/b/c" });
  });
});

describe("JSON protocol bodies", () => {
  test("timestamps are epoch seconds and blobs base64", () => {
    assert.equal(toJson({ At: new Date(1500), Data: Buffer.from("hi"), List: [new Date(0)] }), '{"At":1.5,"Data":"aGk=","List":[0]}');
    assert.equal(toJson(undefined), "{}");
  });
});
