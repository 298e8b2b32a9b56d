/** Policy documents as IAM accepts them: well-formed for their kind, and within IAM's size quotas. */
import { isAwsError } from "../../errors";
import { IamErrors } from "./errors";
import { parsePolicyDocument, type PolicyDocument } from "./policy/document";

export type DocumentKind = "identity" | "trust";

/** IAM counts a document's size without whitespace. */
export const documentSize = (document: string) => document.replace(/\s/g, "").length;

export function checkQuota(size: number, quota: { name: string; max: number }): void {
  if (size > quota.max) throw IamErrors.limitExceeded(`Cannot exceed quota for ${quota.name}: ${quota.max}`);
}

/** The parsed policy; throws MalformedPolicyDocument (or LimitExceeded for `quota`) unless `document` is a valid one. */
export function checkDocument(document: string, kind: DocumentKind, quota: { name: string; max: number }): PolicyDocument {
  let parsed: PolicyDocument;
  try {
    parsed = parsePolicyDocument(document, kind);
  } catch (error) {
    if (isAwsError(error) && error.code.startsWith("MalformedPolicyDocument")) throw IamErrors.malformedPolicyDocument(error.message);
    throw error;
  }
  checkQuota(documentSize(document), quota);
  return parsed;
}

export const QUOTAS = {
  trust: { name: "ACLSizePerRole", max: 2048 },
  managed: { name: "PolicySize", max: 6144 },
  roleInline: { name: "RolePolicySize", max: 10240 },
  userInline: { name: "UserPolicySize", max: 2048 },
} as const;
