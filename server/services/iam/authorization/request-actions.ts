/**
 * A gateway request as IAM sees it: the action (`lambda:InvokeFunction` for Invoke, `apigateway:POST` for
 * an API Gateway change) and the resource ARN it acts on, read from the operation's parsed input and the
 * caller's account and region, as the Service Authorization Reference defines them. Each service keeps its
 * table beside its code (`<service>/iam-actions.ts`); this module reads inputs and derives what they share.
 */
import { parseArn } from "../../../lib/arn";
import { apigatewayActions } from "../../apigateway/iam-actions";
import { cognitoIdentityActions } from "../../cognito-identity/iam-actions";
import { cognitoIdpActions } from "../../cognito-idp/iam-actions";
import { kinesisActions } from "../../kinesis/iam-actions";
import { lambdaActions } from "../../lambda/iam-actions";
import { logsActions } from "../../logs/iam-actions";
import { snsActions } from "../../sns/iam-actions";
import { sqsActions } from "../../sqs/iam-actions";
import { stsActions } from "../../sts/iam-actions";
import { iamActions } from "../iam-actions";

export interface RequestScope {
  accountId: string;
  region: string;
}

export interface RequestedAction {
  /** e.g. `lambda:InvokeFunction` */
  action: string;
  /** ARNs, or `["*"]` for actions without resource-level permissions (e.g. sqs:ListQueues, sts:GetCallerIdentity). */
  resources: string[];
  /** The account that owns the resource when the input names another account (a QueueUrl/ARN in another account); omitted when it is the caller's. */
  resourceAccountId?: string;
}

export type ActionDescriber = (operation: string, input: unknown, scope: RequestScope) => RequestedAction;

/** An operation's input as the tables read it: a member that is absent, empty or of another type reads as null. */
export interface InputReader {
  string(member: string): string | null;
  number(member: string): number | null;
}

/**
 * The ARN an operation acts on; null when the input names none that can be read. It may throw on malformed
 * input (the services' own parsers do, e.g. decodeURIComponent), which reads as null too.
 */
export type ResourceOf = (input: InputReader, scope: RequestScope) => string | null;

/** How one operation is authorised. An entry without `resource` is an action AWS defines only on `*`. */
export interface ActionEntry {
  /** The IAM action without its service prefix, when it is not the operation's own name (Invoke → InvokeFunction). */
  action?: string;
  /** How to find the ARN, or the name of the member that gives it as is (`TopicArn`). */
  resource?: ResourceOf | string;
}

export type ActionTable = Readonly<Record<string, ActionEntry>>;

/** By the registry's service name, which is also each service's IAM prefix. */
const TABLES = new Map<string, ActionTable>([
  ["apigateway", apigatewayActions],
  ["cognito-identity", cognitoIdentityActions],
  ["cognito-idp", cognitoIdpActions],
  ["iam", iamActions],
  ["kinesis", kinesisActions],
  ["lambda", lambdaActions],
  ["logs", logsActions],
  ["sns", snsActions],
  ["sqs", sqsActions],
  ["sts", stsActions],
]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function readerOf(input: unknown): InputReader {
  const members = isRecord(input) ? input : {};
  const member = (name: string): unknown => (Object.hasOwn(members, name) ? members[name] : undefined);
  return {
    string(name) {
      const value = member(name);
      return typeof value === "string" && value !== "" ? value : null;
    },
    number(name) {
      const value = member(name);
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    },
  };
}

function entryOf(service: string, operation: string): ActionEntry | undefined {
  const table = TABLES.get(service);
  // Own members only: an operation named like an Object.prototype member is no entry.
  return table && Object.hasOwn(table, operation) ? table[operation] : undefined;
}

/** Whether the service's table maps the operation (otherwise describeRequest falls back to `service:Operation` on `*`). */
export function hasMapping(service: string, operation: string): boolean {
  return entryOf(service, operation) !== undefined;
}

function resourceOf(entry: ActionEntry | undefined, input: unknown, scope: RequestScope): string | null {
  const resource = entry?.resource;
  const reader = readerOf(input);
  try {
    return typeof resource === "string" ? reader.string(resource) : (resource?.(reader, scope) ?? null);
  } catch {
    return null;
  }
}

/** The account an ARN names when it is another account: not the caller's, AWS's own (`aws`), nor absent (API Gateway's ARNs). */
function otherAccount(arn: string, scope: RequestScope): string | undefined {
  const accountId = parseArn(arn)?.accountId;
  return accountId !== undefined && /^\d{12}$/.test(accountId) && accountId !== scope.accountId ? accountId : undefined;
}

export function describeRequest(service: string, operation: string, input: unknown, scope: RequestScope): RequestedAction {
  const entry = entryOf(service, operation);
  const action = `${service}:${entry?.action ?? operation}`;
  const arn = resourceOf(entry, input, scope);
  if (arn === null) return { action, resources: ["*"] };
  const resourceAccountId = otherAccount(arn, scope);
  return { action, resources: [arn], ...(resourceAccountId !== undefined && { resourceAccountId }) };
}
