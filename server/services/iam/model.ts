/**
 * IAM entities as AWS names and shows them: name and path rules, ARNs, unique IDs, tags. IAM is
 * global, so nothing here has a region; everything is scoped by account.
 */
import { z } from "zod";
import { isUniqueViolation } from "../../db/errors";
import type { AwsError } from "../../errors";
import { randomString } from "../../lib/secrets";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** AWS's unique IDs: a type prefix (AROA role, AIDA user, ANPA policy) and 17 characters. */
export function uniqueId(prefix: "AROA" | "AIDA" | "ANPA"): string {
  return prefix + randomString(17, BASE32);
}

/** Names compare ignoring case in IAM (a role "Admin" blocks "admin"). */
export const nameKey = (name: string) => name.toLowerCase();

export const roleArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:role${path}${name}`;
export const userArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:user${path}${name}`;
export const policyArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:policy${path}${name}`;
export const oidcProviderArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:oidc-provider/${name}`;

/** An OpenID Connect provider's name: its URL without the scheme (`host/path`), as its ARN and condition keys write it. */
export const oidcProviderName = (url: string) => url.replace(/^https?:\/\//i, "");

/** The account and name an OpenID Connect provider ARN holds; null when it is no such ARN. */
export function parseOidcProviderArn(arn: string): { accountId: string; name: string } | null {
  const match = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/.exec(arn);
  return match ? { accountId: match[1]!, name: match[2]! } : null;
}

/** IAM's `[\w+=,.@-]+` names. */
export const entityName = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\w+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");

/** `/` or `/a/b/`: starts and ends with a slash, printable ASCII between. */
export const iamPath = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(\/|\/[\u0021-\u007E]+\/)$/, "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");

export const pathPrefix = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\u002F[\u0021-\u007F]*$/, "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");

export const tagList = z
  .array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }))
  .max(50);
export type Tag = z.infer<typeof tagList>[number];

/** Marker + MaxItems paging as IAM does it: the marker is the offset of the next item. */
export const paging = { Marker: z.string().min(1).max(320).optional(), MaxItems: z.coerce.number().int().min(1).max(1000).optional() };

export function page<T>(items: T[], input: { Marker?: string; MaxItems?: number }): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = input.Marker === undefined ? 0 : Number.parseInt(input.Marker, 10);
  const offset = Number.isFinite(start) && start >= 0 ? start : 0;
  const size = input.MaxItems ?? 100;
  const slice = items.slice(offset, offset + size);
  const next = offset + slice.length;
  return next < items.length ? { items: slice, IsTruncated: true, Marker: String(next) } : { items: slice, IsTruncated: false };
}

/** Stored tags (JSON) as the `[{ Key, Value }]` list IAM returns. */
export function storedTags(value: unknown): Tag[] {
  const parsed = tagList.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Tags merged by key, later ones winning, in first-set order (TagRole/TagUser). */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((tag) => [tag.Key, tag.Value]));
  for (const tag of added) byKey.set(tag.Key, tag.Value);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** IAM returns policy documents URL-encoded (RFC 3986), as the SDKs hand them to callers. */
export const encodeDocument = (document: string) => encodeURIComponent(document);

/** For `.catch`: a concurrent create of the same name lost the race to the primary key. */
export function onDuplicate(error: () => AwsError) {
  return (cause: unknown): never => {
    throw isUniqueViolation(cause) ? error() : cause;
  };
}
