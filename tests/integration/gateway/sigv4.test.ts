import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AwsError } from "../../../server/errors";
import { wireErrorCode } from "../../../server/gateway/errors";
import type { RequestHead } from "../../../server/gateway/request";
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  checkSignatureTiming,
  computeSignature,
  parseSignature,
  payloadHash,
  signingKey,
  stringToSign,
  toAmzDate,
  verifySignature,
  type SignatureParts,
} from "../../../server/gateway/sigv4";
import { sha256Hex } from "../../../server/lib/secrets";
import { queryString, signer } from "./helpers";

const EXAMPLE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SCOPE = { accessKeyId: EXAMPLE.accessKeyId, date: "20150830", region: "us-east-1", service: "service" };

function head(req: { method?: string; path?: string; query?: string; headers?: Record<string, string | string[]> }): RequestHead {
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [v]]));
  return { method: req.method ?? "GET", path: req.path ?? "/", query: req.query ?? "", headers };
}

/** Asserts the error a query-protocol client would see. */
function assertAwsError(fn: () => unknown, code: string, status?: number): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AwsError, String(error));
    assert.equal(wireErrorCode(error, "query"), code);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

describe("AWS SigV4 test-suite vectors (example.amazonaws.com, 20150830T123600Z)", () => {
  // Paths as the suite writes them (unencoded): the canonical URI encodes them once.
  const vectors: { name: string; method: string; path: string; query?: string; headers?: Record<string, string>; body?: string; signature: string }[] = [
    { name: "get-vanilla", method: "GET", path: "/", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
    { name: "get-relative", method: "GET", path: "/example/..", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
    { name: "get-vanilla-query-order-key-case", method: "GET", path: "/", query: "Param2=value2&Param1=value1", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
    {
      name: "get-vanilla-query-unreserved",
      method: "GET",
      path: "/",
      query: `${"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}=${"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}`,
      signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
    },
    { name: "get-vanilla-utf8-query", method: "GET", path: "/", query: "%E1%88%B4=bar", signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
    { name: "get-utf8", method: "GET", path: "/ሴ", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
    { name: "get-space", method: "GET", path: "/example space/", signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
    {
      name: "get-header-value-trim",
      method: "GET",
      path: "/",
      headers: { "My-Header1": " value1", "My-Header2": ' "a   b   c"' },
      signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
    },
    { name: "post-vanilla", method: "POST", path: "/", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
    { name: "post-vanilla-query", method: "POST", path: "/", query: "Param1=value1", signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
    {
      name: "post-x-www-form-urlencoded",
      method: "POST",
      path: "/",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "Param1=value1",
      signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    },
  ];

  for (const v of vectors) {
    test(v.name, () => {
      const headers = { Host: "example.amazonaws.com", "X-Amz-Date": "20150830T123600Z", ...v.headers };
      const req = head({ method: v.method, path: v.path, query: v.query, headers });
      const signedHeaders = Object.keys(headers).map((h) => h.toLowerCase());
      const canonical = canonicalRequest(req, signedHeaders, sha256Hex(v.body ?? ""));
      assert.equal(computeSignature(EXAMPLE.secretAccessKey, SCOPE, stringToSign("20150830T123600Z", SCOPE, canonical)), v.signature);
    });
  }

  test("get-vanilla's canonical request and string to sign, line by line", () => {
    const req = head({ headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" } });
    const canonical = canonicalRequest(req, ["host", "x-amz-date"], sha256Hex(""));
    assert.equal(
      canonical,
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    assert.equal(
      stringToSign("20150830T123600Z", SCOPE, canonical),
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
    );
  });
});

describe("canonical request pieces", () => {
  test("the wire path is normalised and encoded again (non-S3 double encoding)", () => {
    assert.equal(canonicalUri("/%E1%88%B4"), "/%25E1%2588%25B4");
    assert.equal(canonicalUri("/a/./b/../c//d/"), "/a/c/d/");
    assert.equal(canonicalUri(""), "/");
    assert.equal(canonicalUri("/2015-03-31/functions/my-fn/invocations"), "/2015-03-31/functions/my-fn/invocations");
  });

  test("query parameters are re-encoded, sorted by key then value, and X-Amz-Signature is left out", () => {
    assert.equal(canonicalQueryString("b=2&a=1&a=0&X-Amz-Signature=zz&c&d=x%20y+z&e=%7E*"), "a=0&a=1&b=2&c=&d=x%20y%2Bz&e=~%2A");
  });

  test("repeated headers are joined with commas, whitespace runs folded", () => {
    const req = head({ headers: { host: "h", "my-header1": ["value2", "value2", "value1"], "my-header2": "a \t  b\t c " } });
    const lines = canonicalRequest(req, ["my-header2", "host", "my-header1"], "UNSIGNED-PAYLOAD").split("\n");
    assert.deepEqual(lines.slice(3, 8), ["host:h", "my-header1:value2,value2,value1", "my-header2:a b c", "", "host;my-header1;my-header2"]);
  });

  test("the signing key is derived once per secret, date, region and service", () => {
    assert.equal(signingKey("s", SCOPE), signingKey("s", SCOPE));
    assert.notEqual(signingKey("s", SCOPE), signingKey("s", { ...SCOPE, date: "20150831" }));
  });
});

describe("verifying what @smithy/signature-v4 signs", () => {
  const credentials = { ...EXAMPLE, sessionToken: "token/with+odd=chars" };

  async function signed(body: string, query: Record<string, string>) {
    const request = await signer(credentials, "sqs", "eu-west-1").sign({
      method: "POST",
      protocol: "http:",
      hostname: "localhost",
      path: "/123456789012/my%20queue",
      query,
      headers: { host: "localhost:4566", "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage", "x-amz-meta": "  spaced   out  " },
      body,
    });
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), [v]]));
    return { method: "POST", path: "/123456789012/my%20queue", query: queryString(query), headers };
  }

  test("a signed request verifies, with its session token and scope", async () => {
    const body = JSON.stringify({ MessageBody: "héllo ✓" });
    const req = await signed(body, { "b key": "v/1", a: "~*'" });
    const parts = parseSignature(req);
    assert.equal(parts.securityToken, credentials.sessionToken);
    assert.deepEqual(parts.scope, { accessKeyId: EXAMPLE.accessKeyId, date: parts.amzDate.slice(0, 8), region: "eu-west-1", service: "sqs" });
    checkSignatureTiming(parts, new Date());
    verifySignature(req, parts, EXAMPLE.secretAccessKey, payloadHash(req, parts, Buffer.from(body)));
  });

  test("a changed body, query or signed header does not", async () => {
    const body = "{}";
    const req = await signed(body, { a: "1" });
    const parts = parseSignature(req);
    const verify = (r: RequestHead, b: string) => verifySignature(r, parts, EXAMPLE.secretAccessKey, payloadHash(r, parts, Buffer.from(b)));
    verify(req, body);
    assertAwsError(() => verify(req, "{ }"), "SignatureDoesNotMatch", 403);
    assertAwsError(() => verify({ ...req, query: "a=2" }, body), "SignatureDoesNotMatch");
    assertAwsError(() => verify({ ...req, headers: { ...req.headers, "x-amz-target": ["AmazonSQS.DeleteQueue"] } }, body), "SignatureDoesNotMatch");
    assertAwsError(() => verifySignature(req, parts, "another secret", payloadHash(req, parts, Buffer.from(body))), "SignatureDoesNotMatch");
  });
});

describe("signature parsing and timing", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  const amzDate = toAmzDate(now);
  const authorization = (fields: string) => head({ headers: { authorization: `AWS4-HMAC-SHA256 ${fields}`, "x-amz-date": amzDate } });
  const complete = `Credential=AKIAEXAMPLE/${amzDate.slice(0, 8)}/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"a".repeat(64)}`;

  test("no signature at all is MissingAuthenticationToken", () => {
    assertAwsError(() => parseSignature(head({})), "MissingAuthenticationToken", 403);
  });

  test("malformed signatures are IncompleteSignature", () => {
    assertAwsError(() => parseSignature(head({ headers: { authorization: "AWS4-ECDSA-P256-SHA256 Credential=x" } })), "IncompleteSignature", 400);
    assertAwsError(() => parseSignature(authorization("Credential=AKIAEXAMPLE/20250601/us-east-1/sts/aws4_request")), "IncompleteSignature");
    assertAwsError(() => parseSignature(authorization(complete.replace("aws4_request", "aws5_request"))), "IncompleteSignature");
    assertAwsError(() => parseSignature(authorization(complete.replace("/us-east-1", ""))), "IncompleteSignature");
    assertAwsError(() => parseSignature(head({ headers: { authorization: `AWS4-HMAC-SHA256 ${complete}` } })), "IncompleteSignature");
    const both = head({ query: "X-Amz-Algorithm=AWS4-HMAC-SHA256", headers: { authorization: `AWS4-HMAC-SHA256 ${complete}`, "x-amz-date": amzDate } });
    assertAwsError(() => parseSignature(both), "IncompleteSignature");
    assertAwsError(() => parseSignature(head({ query: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb" })), "IncompleteSignature");
  });

  test("the Date header stands in for X-Amz-Date", () => {
    const req = head({ headers: { authorization: `AWS4-HMAC-SHA256 ${complete}`, date: now.toUTCString() } });
    assert.equal(parseSignature(req).amzDate, amzDate);
  });

  test("host must be signed and the scope date must match the request date", () => {
    const parts: SignatureParts = parseSignature(authorization(complete));
    checkSignatureTiming(parts, now);
    assertAwsError(() => checkSignatureTiming({ ...parts, signedHeaders: ["x-amz-date"] }, now), "IncompleteSignature");
    assertAwsError(() => checkSignatureTiming({ ...parts, scope: { ...parts.scope, date: "20250531" } }, now), "SignatureDoesNotMatch");
  });

  test("header signatures may be up to 15 minutes off the server clock", () => {
    const at = (minutes: number) => {
      const date = toAmzDate(new Date(now.getTime() + minutes * 60_000));
      const parts = parseSignature(authorization(complete));
      return { ...parts, amzDate: date, scope: { ...parts.scope, date: date.slice(0, 8) } };
    };
    checkSignatureTiming(at(14), now);
    checkSignatureTiming(at(-14), now);
    assertAwsError(() => checkSignatureTiming(at(16), now), "RequestTimeTooSkewed", 403);
    assertAwsError(() => checkSignatureTiming(at(-16), now), "RequestTimeTooSkewed", 403);
  });

  test("presigned requests are valid for X-Amz-Expires seconds", () => {
    const query = (signedAt: Date, expires: number) =>
      queryString({
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Credential": `AKIAEXAMPLE/${toAmzDate(signedAt).slice(0, 8)}/us-east-1/sts/aws4_request`,
        "X-Amz-Date": toAmzDate(signedAt),
        "X-Amz-Expires": String(expires),
        "X-Amz-SignedHeaders": "host",
        "X-Amz-Signature": "a".repeat(64),
      });
    const hourAgo = new Date(now.getTime() - 3600_000);
    checkSignatureTiming(parseSignature(head({ query: query(hourAgo, 7200) })), now);
    assertAwsError(() => checkSignatureTiming(parseSignature(head({ query: query(hourAgo, 600) })), now), "RequestExpired", 400);
    assertAwsError(() => parseSignature(head({ query: query(hourAgo, 0) })), "IncompleteSignature");
    assertAwsError(() => parseSignature(head({ query: query(hourAgo, 604801) })), "IncompleteSignature");
  });

  test("x-amz-content-sha256 is checked against the body", () => {
    const parts = parseSignature(authorization(complete));
    const body = Buffer.from("payload");
    assert.equal(payloadHash(head({}), parts, body), sha256Hex(body));
    assert.equal(payloadHash(head({ headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } }), parts, body), "UNSIGNED-PAYLOAD");
    assert.equal(payloadHash(head({ headers: { "x-amz-content-sha256": sha256Hex(body) } }), parts, body), sha256Hex(body));
    assertAwsError(() => payloadHash(head({ headers: { "x-amz-content-sha256": sha256Hex("other") } }), parts, body), "XAmzContentSHA256Mismatch");
    assertAwsError(() => payloadHash(head({ headers: { "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" } }), parts, body), "IncompleteSignature");
  });
});
