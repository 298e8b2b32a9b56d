/**
 * AWS Signature Version 4 verification: parsing the Authorization header or presigned query,
 * rebuilding the canonical request exactly as the SDKs build it, and comparing signatures.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../lib/secrets";
import { GatewayErrors } from "./errors";
import { headerValue, percentDecode, type RequestHead } from "./request";

const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** How far a request's timestamp may be from the server clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** Longest X-Amz-Expires AWS accepts (7 days). */
const MAX_PRESIGN_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

export interface CredentialScope {
  accessKeyId: string;
  /** YYYYMMDD */
  date: string;
  region: string;
  service: string;
}

/** The signing parameters a request carries, from either the header or the query string. */
export interface SignatureParts {
  location: "header" | "query";
  scope: CredentialScope;
  /** Lowercase header names, as listed by the client. */
  signedHeaders: string[];
  signature: string;
  /** ISO 8601 basic format: YYYYMMDDTHHMMSSZ */
  amzDate: string;
  /** Presigned URLs only. */
  expiresSeconds?: number;
  securityToken?: string;
}

/** Splits a raw query string into percent-decoded pairs (`+` stays literal, as SigV4 treats it). */
export function rawQueryPairs(query: string): [string, string][] {
  if (query === "") return [];
  return query.split("&").filter((part) => part !== "").map((part) => {
    const eq = part.indexOf("=");
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    return [percentDecode(key), percentDecode(value)];
  });
}

function queryParam(pairs: [string, string][], name: string): string | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters is %XX-encoded. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseCredential(value: string): CredentialScope {
  const [accessKeyId, date, region, service, terminator, ...extra] = value.split("/");
  if (!accessKeyId || !date || !region || !service || !terminator || extra.length > 0) {
    throw GatewayErrors.incompleteSignature(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${value}'`);
  }
  if (terminator !== "aws4_request") {
    throw GatewayErrors.incompleteSignature(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
  }
  if (!/^\d{8}$/.test(date)) throw GatewayErrors.incompleteSignature(`Credential date '${date}' is not in YYYYMMDD format.`);
  return { accessKeyId, date, region, service };
}

function parseSignedHeaders(value: string): string[] {
  return value.split(";").map((h) => h.trim().toLowerCase()).filter((h) => h !== "");
}

/** Converts an RFC 1123 `Date` header to SigV4's basic ISO 8601 form. */
function amzDateFromHttpDate(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : toAmzDate(new Date(time));
}

export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const date = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** The credential scope's service name, without validating anything else (used for routing). */
export function scopeServiceName(authorization: string | undefined, query: [string, string][]): string | undefined {
  const credential = authorization ? /Credential=([^,\s]+)/.exec(authorization)?.[1] : queryParam(query, "X-Amz-Credential");
  return credential?.split("/")[3];
}

/**
 * Finds the request's signature. Throws MissingAuthenticationToken when there is none and
 * IncompleteSignature when it is malformed.
 */
export function parseSignature(req: RequestHead): SignatureParts {
  const authorization = headerValue(req, "authorization");
  const query = rawQueryPairs(req.query);
  const queryAlgorithm = queryParam(query, "X-Amz-Algorithm");
  if (authorization !== undefined && queryAlgorithm !== undefined) {
    throw GatewayErrors.incompleteSignature("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified");
  }
  if (authorization !== undefined) return parseAuthorizationHeader(req, authorization);
  if (queryAlgorithm !== undefined) return parsePresignedQuery(query, queryAlgorithm);
  throw GatewayErrors.missingAuthenticationToken();
}

function parseAuthorizationHeader(req: RequestHead, authorization: string): SignatureParts {
  const space = authorization.indexOf(" ");
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    throw GatewayErrors.incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'. Only ${SIGV4_ALGORITHM} is supported.`);
  }
  const fields = new Map<string, string>();
  for (const field of authorization.slice(space + 1).split(",")) {
    const eq = field.indexOf("=");
    if (eq !== -1) fields.set(field.slice(0, eq).trim(), field.slice(eq + 1).trim());
  }
  const required = (name: string): string => {
    const value = fields.get(name);
    if (!value) throw GatewayErrors.incompleteSignature(`Authorization header requires '${name}' parameter.`);
    return value;
  };
  const credential = required("Credential");
  const signedHeaders = required("SignedHeaders");
  const signature = required("Signature");
  const xAmzDate = headerValue(req, "x-amz-date");
  const httpDate = headerValue(req, "date");
  const amzDate = xAmzDate ?? (httpDate === undefined ? undefined : amzDateFromHttpDate(httpDate));
  if (amzDate === undefined) {
    throw GatewayErrors.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const token = headerValue(req, "x-amz-security-token");
  return {
    location: "header",
    scope: parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature,
    amzDate,
    securityToken: token === "" ? undefined : token,
  };
}

function parsePresignedQuery(query: [string, string][], algorithm: string): SignatureParts {
  if (algorithm !== SIGV4_ALGORITHM) {
    throw GatewayErrors.incompleteSignature(`X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}"`);
  }
  const required = (name: string): string => {
    const value = queryParam(query, name);
    if (!value) throw GatewayErrors.incompleteSignature(`Query-string authentication requires the ${name} parameter.`);
    return value;
  };
  const credential = required("X-Amz-Credential");
  const amzDate = required("X-Amz-Date");
  const expires = Number(required("X-Amz-Expires"));
  const signedHeaders = required("X-Amz-SignedHeaders");
  const signature = required("X-Amz-Signature");
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw GatewayErrors.incompleteSignature(`X-Amz-Expires must be an integer between 1 and ${MAX_PRESIGN_EXPIRES_SECONDS} seconds.`);
  }
  const token = queryParam(query, "X-Amz-Security-Token");
  return {
    location: "query",
    scope: parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature,
    amzDate,
    expiresSeconds: expires,
    securityToken: token === "" ? undefined : token,
  };
}

/** Checks what can be checked without the secret: header shape, dates, clock skew and expiry. */
export function checkSignatureTiming(parts: SignatureParts, now: Date): void {
  // Over HTTP/2 the SDK signs the host as the :authority pseudo-header.
  if (!parts.signedHeaders.includes("host") && !parts.signedHeaders.includes(":authority")) {
    throw GatewayErrors.incompleteSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const signedAt = parseAmzDate(parts.amzDate);
  if (!signedAt) throw GatewayErrors.incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${parts.amzDate}'.`);
  if (parts.amzDate.slice(0, 8) !== parts.scope.date) {
    throw GatewayErrors.signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.scope.date}' != '${parts.amzDate.slice(0, 8)}', from '${parts.amzDate}'.`,
    );
  }
  const skew = signedAt.getTime() - now.getTime();
  const fmt = (t: number) => toAmzDate(new Date(t));
  if (skew > MAX_CLOCK_SKEW_MS) {
    throw GatewayErrors.requestTimeTooSkewed(
      `Signature not yet current: ${parts.amzDate} is still later than ${fmt(now.getTime() + MAX_CLOCK_SKEW_MS)} (${fmt(now.getTime())} + 15 min.)`,
    );
  }
  if (parts.expiresSeconds !== undefined) {
    if (now.getTime() > signedAt.getTime() + parts.expiresSeconds * 1000) throw GatewayErrors.requestExpired();
  } else if (-skew > MAX_CLOCK_SKEW_MS) {
    throw GatewayErrors.requestTimeTooSkewed(
      `Signature expired: ${parts.amzDate} is now earlier than ${fmt(now.getTime() - MAX_CLOCK_SKEW_MS)} (${fmt(now.getTime())} - 15 min.)`,
    );
  }
}

/**
 * The payload hash that goes into the canonical request: the client's x-amz-content-sha256
 * when present (after checking it against the body), else the body's own hash.
 */
export function payloadHash(req: RequestHead, parts: SignatureParts, body: Buffer): string {
  const declared =
    headerValue(req, "x-amz-content-sha256") ??
    (parts.location === "query" ? queryParam(rawQueryPairs(req.query), "X-Amz-Content-Sha256") : undefined);
  if (declared === UNSIGNED_PAYLOAD) return declared;
  const actual = sha256Hex(body);
  if (declared === undefined) return actual;
  if (!/^[0-9a-f]{64}$/.test(declared)) {
    throw GatewayErrors.incompleteSignature(`x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD} or a SHA-256 hex digest; got '${declared}'.`);
  }
  if (declared !== actual) throw GatewayErrors.contentSha256Mismatch(declared, actual);
  return declared;
}

/** Non-S3 canonical URI: dot segments and empty segments removed, then the wire path encoded again. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return `/${segments.map(uriEncode).join("/")}${trailing}`;
}

/** Sorted, re-encoded query parameters, without X-Amz-Signature. */
export function canonicalQueryString(query: string): string {
  return rawQueryPairs(query)
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/** Header values trimmed, inner whitespace runs folded to one space, repeated headers joined by commas. */
function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").trim()).join(",");
}

export function canonicalRequest(req: RequestHead, signedHeaders: readonly string[], hashedPayload: string): string {
  const names = [...new Set(signedHeaders)].sort();
  const headers = names.map((name) => `${name}:${canonicalHeaderValue(req.headers[name] ?? [])}\n`).join("");
  return [req.method.toUpperCase(), canonicalUri(req.path), canonicalQueryString(req.query), headers, names.join(";"), hashedPayload].join("\n");
}

function credentialScopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, credentialScopeString(scope), sha256Hex(canonical)].join("\n");
}

const SIGNING_KEY_CACHE_LIMIT = 1024;
const signingKeys = new Map<string, Buffer>();

/** kSigning = HMAC chain over date, region, service and "aws4_request"; cached as it only changes daily. */
export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const cacheKey = [secretAccessKey, scope.date, scope.region, scope.service].join("\n");
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, scope.date), scope.region), scope.service), "aws4_request");
  // Keys are cheap to derive again; a full cache is simply emptied.
  if (signingKeys.size >= SIGNING_KEY_CACHE_LIMIT) signingKeys.clear();
  signingKeys.set(cacheKey, key);
  return key;
}

export function computeSignature(secretAccessKey: string, scope: CredentialScope, toSign: string): string {
  return createHmac("sha256", signingKey(secretAccessKey, scope)).update(toSign).digest("hex");
}

/** Throws SignatureDoesNotMatch unless the request was signed with `secretAccessKey`. */
export function verifySignature(req: RequestHead, parts: SignatureParts, secretAccessKey: string, hashedPayload: string): void {
  const canonical = canonicalRequest(req, parts.signedHeaders, hashedPayload);
  const expected = Buffer.from(computeSignature(secretAccessKey, parts.scope, stringToSign(parts.amzDate, parts.scope, canonical)));
  const provided = Buffer.from(parts.signature);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    throw GatewayErrors.signatureDoesNotMatch();
  }
}
