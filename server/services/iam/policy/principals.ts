/**
 * Principal / NotPrincipal in resource-based and trust policies: who a statement is about.
 *
 * `AWS` names an account (its id or `arn:aws:iam::acct:root`: any principal of that account), a user, a
 * role (which covers that role's sessions, as in AWS) or a role session; `Service`, `Federated` and
 * `CanonicalUser` name callers represented by that very string (see RequestPrincipal).
 */
import { malformedPolicy } from "./malformed";
import type { RequestValues } from "./request";

export interface PrincipalSet {
  /** `"*"` or `{"AWS": "*"}`: everyone. */
  readonly any: boolean;
  readonly accounts: ReadonlySet<string>;
  /** Users, roles and sessions, as written. */
  readonly arns: ReadonlySet<string>;
  /** `account:RoleName` for each role, whose path a session ARN does not carry. */
  readonly roles: ReadonlySet<string>;
  /** Services, identity providers, canonical users. */
  readonly names: ReadonlySet<string>;
}

export interface PrincipalElement {
  readonly not: boolean;
  readonly set: PrincipalSet;
}

/** A Principal value whose shape (a string, or an object of string lists) was checked already. */
export type PrincipalValue = string | Record<string, string[]>;

// Principals take no wildcards but the lone "*".
const AWS_PRINCIPAL = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(root|user\/[^*?]+|role\/[^*?]+|assumed-role\/[^/*?]+\/[^/*?]+|federated-user\/[^*?]+)$/;
const ACCOUNT_ID = /^\d{12}$/;
const DNS_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)\/.+$/;
const CANONICAL_USER = /^[0-9a-f]+$/i;

// A Map, so that a type such as `constructor` is not found on Object.prototype.
const VALID = new Map<string, (value: string) => boolean>([
  ["AWS", (value) => value === "*" || ACCOUNT_ID.test(value) || AWS_PRINCIPAL.test(value)],
  ["Service", (value) => DNS_NAME.test(value)],
  ["Federated", (value) => DNS_NAME.test(value) || PROVIDER_ARN.test(value)],
  ["CanonicalUser", (value) => CANONICAL_USER.test(value)],
]);

const invalid = (detail: string) => malformedPolicy(`Invalid principal in policy: ${detail}`);

export function compilePrincipal(value: PrincipalValue): PrincipalSet {
  const set = { any: value === "*", accounts: new Set<string>(), arns: new Set<string>(), roles: new Set<string>(), names: new Set<string>() };
  if (typeof value === "string") {
    if (value === "*") return set;
    throw invalid(`"${value}"`);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw invalid("{}");
  for (const [type, list] of entries) {
    const valid = VALID.get(type);
    if (!valid) throw invalid(`"${type}"`);
    if (list.length === 0) throw invalid(`"${type}":[]`);
    for (const item of list) {
      if (!valid(item)) throw invalid(`"${type}":"${item}"`);
      if (type !== "AWS") set.names.add(item);
      else if (item === "*") set.any = true;
      else if (ACCOUNT_ID.test(item)) set.accounts.add(item);
      else {
        const [, , account = "", resource = ""] = AWS_PRINCIPAL.exec(item) ?? [];
        const path = resource.split("/");
        if (resource === "root") set.accounts.add(account);
        else {
          set.arns.add(item);
          if (path[0] === "role") set.roles.add(`${account}:${path.at(-1)}`);
        }
      }
    }
  }
  return set;
}

/** Whether the Principal names the caller. */
function listed(set: PrincipalSet, values: RequestValues): boolean {
  if (set.any) return true;
  const { arn, accountId } = values.principal;
  if (set.names.has(arn)) return true;
  const caller = values.caller();
  if (!caller.aws) return false;
  return set.accounts.has(accountId) || set.arns.has(arn) || (caller.roleKey !== undefined && set.roles.has(caller.roleKey));
}

/**
 * Whether a NotPrincipal statement applies. As AWS documents, a caller acts as its account, itself and (for
 * a role session) its role; the statement applies unless every one of them is listed — so excluding a
 * user from a Deny takes both the user's and the account's ARN.
 */
function notListed(set: PrincipalSet, values: RequestValues): boolean {
  if (set.any) return false;
  const { arn, accountId } = values.principal;
  const caller = values.caller();
  if (!caller.aws) return !set.names.has(arn);
  const self = caller.kind === "root" || set.arns.has(arn);
  const role = caller.roleKey === undefined || caller.kind === "role" || set.roles.has(caller.roleKey);
  return !(set.accounts.has(accountId) && self && role);
}

export function principalApplies(element: PrincipalElement, values: RequestValues): boolean {
  return element.not ? notListed(element.set, values) : listed(element.set, values);
}
