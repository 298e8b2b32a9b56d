import type { TeamRole } from "../db/generated/enums";
import type { RequestContext } from "./iam/policy/request";

export type { TeamRole };

/** An IAM identity whose calls IAM policies decide: a role session or an IAM user's key. */
export type IamIdentity =
  /** `context`: a web identity session's condition keys (`cognito-identity.amazonaws.com:sub`, …). */
  | { type: "role"; name: string; sessionPolicy?: string; context?: RequestContext }
  | { type: "user"; name: string };

/** Who is calling: a console user (session or their access key), a role session or an IAM user. */
export interface Principal {
  accountId: string;
  /** IAM-style ARN, e.g. arn:aws:iam::123456789012:user/alice@example.com */
  arn: string;
  /** STS UserId (AIDA… for users, AROA…:session for roles). */
  userId: string;
  /** The console user behind the call, when there is one. */
  consoleUserId?: string;
  email?: string;
  /** The team role a console user's session or key acts with; null for role sessions (IAM decides). */
  role: TeamRole | null;
  /** Set when IAM policies decide what this principal may do (checked at the gateway before the call). */
  iam?: IamIdentity;
  accessKeyId?: string;
}

export type CallSource = "console" | "trpc" | "gateway";

/** Everything a domain operation needs to know about the call besides its input. */
export interface CallContext {
  accountId: string;
  region: string;
  principal: Principal;
  requestId: string;
  sourceIp?: string;
  source: CallSource;
  /** The base URL the caller reached us on (`http://host:port`), for URLs we hand back; unset in the console. */
  endpoint?: string;
  /** Aborted when the caller goes away (a long-polling receive stops waiting). */
  signal?: AbortSignal;
}
