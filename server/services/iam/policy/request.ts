/**
 * What a policy is evaluated against: the caller, the action, the resource and the request context, and
 * the lookup of condition keys and policy variables in it.
 */
import { parseArn } from "../../../lib/arn";

/** A condition key's value: multivalued keys (aws:TagKeys, …:amr) are arrays. */
export type ContextValue = string | string[] | boolean | number | undefined;
export type ContextScalar = string | boolean | number;
export type RequestContext = Record<string, ContextValue>;

/**
 * The caller. IAM users, roles and role sessions are ARNs (`arn:aws:iam::…:user/…`,
 * `arn:aws:sts::…:assumed-role/Role/session`); a service or a web identity is represented by its name, the
 * same string a `Service` or `Federated` principal names: `{ arn: "lambda.amazonaws.com" }`,
 * `{ arn: "cognito-identity.amazonaws.com" }`, `{ arn: "arn:aws:iam::…:oidc-provider/…" }`.
 */
export interface RequestPrincipal {
  arn: string;
  accountId: string;
  /** e.g. AIDA… or AROA…:session */
  userId?: string;
}

export interface AuthorizationRequest {
  principal: RequestPrincipal;
  /** e.g. `sqs:SendMessage`; matched case-insensitively. */
  action: string;
  /** An ARN, or `*` for actions without a resource; matched case-sensitively. */
  resource: string;
  /** The resource's owner; undefined means the principal's own account. */
  resourceAccountId?: string;
  /** Condition keys, whose names are case-insensitive: aws:SourceIp, aws:CurrentTime, aws:SecureTransport, … */
  context: RequestContext;
}

type IdentityKind = "root" | "user" | "role" | "session" | "federated-user" | "other";

/** The caller as policies see it, read off its ARN once per request. */
export interface CallerIdentity {
  kind: IdentityKind;
  /** IAM and STS principals: the ones an `AWS` principal (an account, a user, a role) can name. */
  aws: boolean;
  /** `account:RoleName` of a role or role session: a role ARN in a Principal names the role's sessions too. */
  roleKey?: string;
  /** What aws:username / aws:PrincipalArn report: the user's name, and a session's role (not the session). */
  userName?: string;
  principalArn?: string;
}

const ACCOUNT_ID = /^\d{12}$/;

function identityOf(arn: string): CallerIdentity {
  const parsed = parseArn(arn);
  // IAM and STS principals are global (no region) and belong to an account.
  if (!parsed || parsed.partition === "" || (parsed.service !== "iam" && parsed.service !== "sts") || parsed.region !== "" || !ACCOUNT_ID.test(parsed.accountId)) {
    return { kind: "other", aws: false };
  }
  const { partition, service, accountId: account, resource } = parsed;
  const path = resource.split("/");
  const name = path.at(-1) ?? "";
  if (resource === "root") return { kind: "root", aws: true, principalArn: arn };
  if (service === "iam" && path[0] === "user" && path.length > 1) return { kind: "user", aws: true, userName: name, principalArn: arn };
  if (service === "iam" && path[0] === "role" && path.length > 1) return { kind: "role", aws: true, roleKey: `${account}:${name}`, principalArn: arn };
  if (service === "sts" && path[0] === "assumed-role" && path.length === 3) {
    const role = path[1] ?? "";
    return { kind: "session", aws: true, roleKey: `${account}:${role}`, principalArn: `arn:${partition}:iam::${account}:role/${role}` };
  }
  if (service === "sts" && path[0] === "federated-user" && path.length > 1) return { kind: "federated-user", aws: true, principalArn: arn };
  return { kind: "other", aws: false };
}

const PRINCIPAL_TYPES: Partial<Record<IdentityKind, string>> = {
  root: "Account",
  user: "User",
  session: "AssumedRole",
  "federated-user": "FederatedUser",
};

/**
 * One request's condition keys and policy variables. The context wins; keys it leaves out that AWS always
 * knows (the caller's ARN, account, user id, name and type, the time) are derived from the request.
 */
export class RequestValues {
  private identity?: CallerIdentity;

  constructor(
    readonly principal: RequestPrincipal,
    private readonly context: RequestContext,
  ) {}

  caller(): CallerIdentity {
    return (this.identity ??= identityOf(this.principal.arn));
  }

  /** `lowerKey` is `key` lower-cased, computed once when the policy was parsed. */
  get(key: string, lowerKey: string): ContextValue {
    // Own keys only: a policy's `${constructor}` must not find Object.prototype's.
    const exact = Object.hasOwn(this.context, key) ? this.context[key] : undefined;
    if (exact !== undefined) return exact;
    for (const name of Object.keys(this.context)) {
      // Comparing lengths first keeps the lower-casing off most keys.
      if (name.length === key.length && name.toLowerCase() === lowerKey) {
        const value = this.context[name];
        if (value !== undefined) return value;
      }
    }
    return this.derived(lowerKey);
  }

  private derived(lowerKey: string): ContextValue {
    switch (lowerKey) {
      case "aws:principalarn":
        return this.caller().principalArn;
      case "aws:principalaccount":
        return this.caller().aws ? this.principal.accountId : undefined;
      case "aws:userid":
        return this.principal.userId;
      case "aws:username":
        return this.caller().userName;
      case "aws:principaltype":
        return PRINCIPAL_TYPES[this.caller().kind];
      case "aws:currenttime":
        return new Date().toISOString();
      case "aws:epochtime":
        return Math.floor(Date.now() / 1000);
      default:
        return undefined;
    }
  }
}
