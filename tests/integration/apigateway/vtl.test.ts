// Mapping templates (REST APIs): Velocity with $input, $context, $stageVariables and $util, as API Gateway renders them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type TemplateInput, type TemplateOverrides, TemplateError, renderMappingTemplate } from "../../../server/services/apigateway/vtl";

const BODY = JSON.stringify({
  name: "Ada",
  pets: [
    { id: 1, type: "dog", price: 249.99 },
    { id: 2, type: "cat", price: 124.99 },
  ],
  owner: { id: "o-1", tags: ["a", "b"] },
  note: null,
  text: 'it\'s "q" a/b\\c\n\té',
  errorMessage: JSON.stringify({ key1: "var1", key2: { arr: [1, 2, 3] } }),
});

const INPUT: TemplateInput = {
  body: BODY,
  params: { path: { id: "p-1" }, querystring: { q: "x", page: "2" }, header: { "X-Trace": "t-1" } },
  context: {
    requestId: "req-1",
    accountId: "000000000000",
    apiId: "a1b2c3",
    stage: "prod",
    resourceId: "r1",
    resourcePath: "/pets/{id}",
    httpMethod: "POST",
    path: "/prod/pets/p-1",
    protocol: "HTTP/1.1",
    requestTimeEpoch: 1700000000000,
    identity: { sourceIp: "203.0.113.7", userAgent: "curl/8.0" },
    authorizer: { principalId: "user-1", claims: { sub: "sub-1" } },
  },
  stageVariables: { env: "prod" },
};

function input(changes: Partial<TemplateInput> = {}): TemplateInput {
  return { ...INPUT, ...changes };
}

const render = (template: string, changes?: Partial<TemplateInput>) => renderMappingTemplate(template, input(changes));

/** [what, template, expected output, input changes]. */
type Case = [string, string, string, Partial<TemplateInput>?];

const inputCases: Case[] = [
  ["$input.body is the raw payload", "$input.body", BODY],
  ["$input.json('$') is the payload as compact JSON", "$input.json('$')", '{"a":1,"b":[true,null]}', { body: '{ "a" : 1, "b" : [ true, null ] }' }],
  ["$input.json of an object", "$input.json('$.owner')", '{"id":"o-1","tags":["a","b"]}'],
  ["$input.json of a string is quoted", "$input.json('$.name')", '"Ada"'],
  ["$input.json of a number", "$input.json('$.pets[0].price')", "249.99"],
  ["$input.json of a null", "$input.json('$.note')", "null"],
  ["$input.json of nothing prints nothing", "[$input.json('$.missing')]", "[]"],
  ["$input.json with a wildcard is a list", "$input.json('$.pets[*].id')", "[1,2]"],
  ["$input.json with a filter is a list", "$input.json('$.pets[?(@.price < 200)].type')", '["cat"]'],
  ["$input.json with a deep scan is a list", "$input.json('$..id')", '[1,2,"o-1"]'],
  ["$input.json of a non-JSON payload is that string", "$input.json('$')", '"a=b"', { body: "a=b" }],
  ["$input.json of an empty payload is {}", "$input.json('$')", "{}", { body: "" }],
  ["$input.path gives the object itself", "$input.path('$.owner').id", "o-1"],
  ["$input.path of a list: size()", "$input.path('$.pets').size()", "2"],
  ["$input.path of a list: #foreach with $foreach.hasNext", "#foreach($pet in $input.path('$.pets'))$pet.type#if($foreach.hasNext),#end#end", "dog,cat"],
  ["$input.path of a map prints the Java way, its lists as JSON", "$input.path('$.owner')", '{id=o-1, tags=["a","b"]}'],
  ["$input.path of a list prints as JSON", "$input.path('$.owner.tags')", '["a","b"]'],
  ["$input.path of nothing prints nothing", "[$input.path('$.missing')]", "[]"],
  ["$input.path of a non-JSON payload is the text", "$input.path('$')", "a=b", { body: "a=b" }],
  ["$input.params() holds path, querystring and header", "$input.params()", "{path={id=p-1}, querystring={q=x, page=2}, header={X-Trace=t-1}}"],
  ["$input.params(x) looks in the path first", "$input.params('id')", "path", { params: { path: { id: "path" }, querystring: { id: "query" }, header: { id: "header" } } }],
  ["$input.params(x) then the query string", "$input.params('id')", "query", { params: { path: {}, querystring: { id: "query" }, header: { id: "header" } } }],
  ["$input.params(x) then the headers, whatever their case", "$input.params('x-trace')", "t-1"],
  ["$input.params(x) of an absent parameter is empty", "[$input.params('nope')]", "[]"],
  ["$input.params().header.get(name)", "$input.params().header.get('X-Trace')", "t-1"],
  ["$input.params().querystring.entrySet()", "#foreach($e in $input.params().querystring.entrySet())$e.key=$e.value;#end", "q=x;page=2;"],
  [
    "AWS's $input example: id, size() and json",
    '{\n    "id" : "$input.params(\'id\')",\n    "count" : "$input.path(\'$.things\').size()",\n    "things" : $input.json(\'$.things\')\n}',
    '{\n    "id" : "abc",\n    "count" : "3",\n    "things" : {"1":{},"2":{},"3":{}}\n}',
    { body: '{"things": {"1": {}, "2": {}, "3": {}}}', params: { path: { id: "abc" }, querystring: {}, header: {} } },
  ],
];

const contextCases: Case[] = [
  ["$context fields", "$context.requestId $context.httpMethod $context.resourcePath $context.stage $context.requestTimeEpoch", "req-1 POST /pets/{id} prod 1700000000000"],
  ["$context.identity.sourceIp", "$context.identity.sourceIp / $context.identity.userAgent", "203.0.113.7 / curl/8.0"],
  ["$context.authorizer", "$context.authorizer.principalId $context.authorizer.claims.sub", "user-1 sub-1"],
  ["$stageVariables in all three forms", "$stageVariables.env ${stageVariables.env} $stageVariables['env']", "prod prod prod"],
  ["absent references print nothing, quiet or not", "[$context.authorizer.claims.email][$stageVariables.nope][$nothing][$!nothing][${nothing}]", "[][][][][]"],
  ["a method named without parentheses prints nothing", "[$input.json]", "[]"],
];

const utilCases: Case[] = [
  ["$util.escapeJavaScript: quotes, slash, backslash, controls, non-ASCII", "$util.escapeJavaScript($input.path('$.text'))", String.raw`it\'s \"q\" a\/b\\c\n\t\u00E9`],
  ["$util.escapeJavaScript(...).replaceAll(\"\\\\'\",\"'\"), as AWS advises for JSON", String.raw`$util.escapeJavaScript($input.path('$.text')).replaceAll("\\'","'")`, String.raw`it's \"q\" a\/b\\c\n\t\u00E9`],
  ["$util.escapeJavaScript of JSON", "$util.escapeJavaScript($input.json('$.owner'))", String.raw`{\"id\":\"o-1\",\"tags\":[\"a\",\"b\"]}`],
  ["$util.parseJson, AWS's example", "#set($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))$errorMessageObj.key2.arr[0] $errorMessageObj.key1", "1 var1"],
  ["$util.urlEncode is application/x-www-form-urlencoded", "$util.urlEncode(\"a b&c=d/é!*'~\")", "a+b%26c%3Dd%2F%C3%A9%21*%27%7E"],
  ["$util.urlDecode", '$util.urlDecode("a+b%26c%3D%C3%A9")', "a b&c=é"],
  ["$util.base64Encode encodes UTF-8", '$util.base64Encode("héllo")', "aMOpbGxv"],
  ["$util.base64Decode decodes to UTF-8", '$util.base64Decode("aMOpbGxv")', "héllo"],
  ["an undocumented $util function renders nothing", "[$util.toJson($input.path('$'))]", "[]"],
];

const velocityCases: Case[] = [
  ["#set and a double-quoted string's references", "#set($greeting = \"hi $input.path('$.name')!\")$greeting", "hi Ada!"],
  ["single-quoted strings are literal", "#set($s = 'no $interpolation')$s", "no $interpolation"],
  ["#if / #elseif / #else", '#if($context.httpMethod == "GET")get#elseif($context.httpMethod == "POST")post#{else}other#end', "post"],
  ["#if with && and !", '#if($input.path(\'$.pets\').size() > 1 && !$input.path(\'$.note\'))many#end', "many"],
  ["$foreach.index, $foreach.count and $velocityCount", '#foreach($i in ["a", "b"])$foreach.index/$foreach.count/$velocityCount:$i #end', "0/1/1:a 1/2/2:b "],
  ["#foreach over a range", "#foreach($i in [1..3])$i#end", "123"],
  ["#break leaves the loop at once", "#foreach($i in [1..5])#if($i == 3)#break#end$i;#end after", "1;2; after"],
  ["#break in a loop over a map", "#foreach($v in $input.path('$.owner'))$v#break#end after", "o-1 after"],
  ["## and #* *# comments", "a## line comment\nb#* block\ncomment *#c", "abc"],
  ["escaped $ and #", String.raw`\$notAReference \#if`, "$notAReference #if"],
  ["a directive's line break is dropped, other whitespace kept", '#set($a = 1)\n{\n  "a": $a\n}\n', '{\n  "a": 1\n}\n'],
  ["#foreach over keySet() with get()", "#foreach($key in $input.path('$.owner').keySet())$key=$input.path('$.owner').get($key);#end", 'id=o-1;tags=["a","b"];'],
  ["#macro", "#macro(tag $name)<$name>#end#tag('a')#tag('b')", "<a><b>"],
  [
    "Java string methods",
    '#set($s = "Hello World")$s.length() $s.toLowerCase() $s.substring(0, 5) $s.contains("World") $s.equals("Hello World") $s.equalsIgnoreCase("hello world") $s.isEmpty() $s.trim().startsWith("He")',
    "11 hello world Hello true true true false true",
  ],
  ["replace is literal and global, replaceAll a regex with $n groups, split a regex", String.raw`#set($s = "a.b.c")$s.replace(".", "+") $s.replaceAll("\.(\w)", "[$1]") $s.replaceFirst("\w", "x") $s.split("\.") $s.matches("[a-c.]+")`, "a+b+c a[b][c] x.b.c [a, b, c] true"],
  ["Java list methods; lists built in the template print the Java way", '#set($l = [1, "two"])$l.contains("two") $l.isEmpty() $l.size() $l.get(0) $l', "true false 2 1 [1, two]"],
  ["Java map methods", '#set($m = {"k": "v"})$m.containsKey("k") $m.get("k") $m.isEmpty() $m.values() $m.keySet() $m', "true v false [v] [k] {k=v}"],
  ["put and add change the collection", '#set($m = {})#set($ignored = $m.put("a", 1))#set($l = [])#set($ignored = $l.add("x"))$m $l', "{a=1} [x]"],
];

describe("renderMappingTemplate", () => {
  for (const [group, cases] of [
    ["$input", inputCases],
    ["$context and $stageVariables", contextCases],
    ["$util", utilCases],
    ["Velocity", velocityCases],
  ] as const) {
    describe(group, () => {
      for (const [what, template, expected, changes] of cases) {
        it(what, () => assert.equal(render(template, changes).body, expected));
      }
    });
  }
});

const NO_OVERRIDES: TemplateOverrides = { headers: {}, requestHeaders: {}, requestQuerystring: {}, requestPath: {} };

describe("overrides", () => {
  const cases: [string, string, TemplateOverrides][] = [
    ["none set", "body", NO_OVERRIDES],
    [
      "response status and headers",
      "#set($context.responseOverride.status = 201)#set($context.responseOverride.header.Location = \"/pets/$input.params('id')\")body",
      { ...NO_OVERRIDES, status: 201, headers: { Location: "/pets/p-1" } },
    ],
    ["a status set as text", '#set($context.responseOverride.status = "404")body', { ...NO_OVERRIDES, status: 404 }],
    [
      "request header, query string and path",
      '#set($context.requestOverride.header.X-Tenant = $context.stage)#set($context.requestOverride.querystring.page = 3)#set($context.requestOverride.path.id = "p-2")body',
      { ...NO_OVERRIDES, requestHeaders: { "X-Tenant": "prod" }, requestQuerystring: { page: "3" }, requestPath: { id: "p-2" } },
    ],
    ["a list as a header's value is joined", '#set($context.requestOverride.header.Multi = ["1", "2"])body', { ...NO_OVERRIDES, requestHeaders: { Multi: "1,2" } }],
    ["overrides the template read back", "#set($context.responseOverride.status = 202)$context.responseOverride.status", { ...NO_OVERRIDES, status: 202 }],
  ];
  for (const [what, template, expected] of cases) {
    it(what, () => assert.deepEqual(render(template).overrides, expected));
  }

  it("what a template sets stays out of the caller's context", () => {
    const context = { identity: { sourceIp: "203.0.113.7" } };
    const output = renderMappingTemplate("#set($context.identity.sourceIp = 'changed')$context.identity.sourceIp", input({ context }));
    assert.equal(output.body, "changed");
    assert.deepEqual(context, { identity: { sourceIp: "203.0.113.7" } });
  });
});

describe("errors", () => {
  const cases: [string, string, RegExp, Partial<TemplateInput>?][] = [
    ["a syntax error", "#set($a = )", /^Invalid mapping template: Parse error on line 1/],
    ["an #if without #end", "#if($a) yes", /^Invalid mapping template: a block directive .* is missing its #end/],
    ["a #foreach without #end", "#foreach($i in [1..2])$i", /is missing its #end/],
    ["an #end that closes nothing", "a #end b", /or an #end closes nothing$/],
    ["$util.parseJson of text that is not JSON", "$util.parseJson('{bad')", /^Mapping template evaluation failed: /],
    ["$util.urlDecode of a broken escape", "$util.urlDecode('%E0%A4%A')", /^Mapping template evaluation failed: URI malformed/],
    ["a payload that opens an object without being one, read as JSON", "$input.path('$')", /^Could not parse request body into json: /, { body: "{broken" }],
  ];
  for (const [what, template, message, changes] of cases) {
    it(what, () => assert.throws(() => render(template, changes), (error) => error instanceof TemplateError && message.test(error.message)));
  }

  it("a payload that is not JSON only fails templates that read it as JSON", () => {
    assert.equal(render("$input.body", { body: "{broken" }).body, "{broken");
  });
});
