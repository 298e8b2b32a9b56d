/**
 * Parsing and validating policy documents as IAM does, into a compiled form that evaluation reads without
 * parsing anything. Checks run in IAM's order, so a document with several faults gets IAM's message:
 * JSON and grammar ("Syntax errors in policy."), the principal and version rules of the policy's kind,
 * legacy parsing (exact Effect case, dates), statement ids, required elements, resources, actions,
 * condition keys, principals.
 */
import { type ConditionBlock, type ConditionClause, compileConditions, isConditionOperator, isDateOperator, parseDate } from "./conditions";
import { LEGACY_PARSING_ERROR, SYNTAX_ERROR, malformedPolicy } from "./malformed";
import { type ElementMatcher, compileActions, compileResources } from "./match";
import { type PrincipalElement, type PrincipalValue, compilePrincipal } from "./principals";

/** Identity policies (users, groups, roles, boundaries), resource-based policies, and role trust policies. */
export type PolicyKind = "identity" | "resource" | "trust";
export type PolicyVersion = "2012-10-17" | "2008-10-17";
export type Effect = "Allow" | "Deny";

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly action: ElementMatcher;
  /** Absent in trust policies: their resource is the role. */
  readonly resource?: ElementMatcher;
  /** Absent in identity policies: their principal is whoever they are attached to. */
  readonly principal?: PrincipalElement;
  readonly conditions: readonly ConditionClause[];
}

export interface PolicyDocument {
  readonly kind: PolicyKind;
  /** 2008-10-17 when the document has no Version; only 2012-10-17 substitutes policy variables. */
  readonly version: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly PolicyStatement[];
}

/** A statement whose grammar was checked; single strings are read as one-element lists. */
interface RawStatement {
  Sid?: string;
  Effect: string;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: PrincipalValue;
  NotPrincipal?: PrincipalValue;
  Condition?: ConditionBlock;
}

const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"] satisfies PolicyVersion[];
const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]);
const EXCLUSIVE = [
  ["Action", "NotAction"],
  ["Resource", "NotResource"],
  ["Principal", "NotPrincipal"],
] as const;

class SyntaxFault extends Error {}

function syntax(ok: boolean): asserts ok {
  if (!ok) throw new SyntaxFault();
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";

function stringList(value: unknown): string[] {
  if (isString(value)) return [value];
  syntax(Array.isArray(value) && value.every(isString));
  return value;
}

/** Condition values may be JSON strings, numbers or booleans (IAM reads them all as text). */
function conditionValues(value: unknown): string[] {
  const scalar = (item: unknown) => isString(item) || typeof item === "number" || typeof item === "boolean";
  if (scalar(value)) return [String(value)];
  syntax(Array.isArray(value) && value.every(scalar));
  return value.map(String);
}

function readPrincipal(value: unknown): PrincipalValue {
  if (isString(value)) return value;
  syntax(isObject(value));
  return Object.fromEntries(Object.entries(value).map(([type, list]) => [type, stringList(list)]));
}

function readCondition(value: unknown): ConditionBlock {
  syntax(isObject(value));
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    syntax(isConditionOperator(operator) && isObject(keys));
    block[operator] = Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, conditionValues(values)]));
  }
  return block;
}

function readStatement(value: unknown): RawStatement {
  syntax(isObject(value));
  for (const element of Object.keys(value)) syntax(STATEMENT_ELEMENTS.has(element));
  for (const [a, b] of EXCLUSIVE) syntax(!(a in value && b in value));
  const { Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition } = value;
  syntax(isString(Effect) && ["allow", "deny"].includes(Effect.toLowerCase()));
  syntax(Sid === undefined || isString(Sid));
  return {
    Effect,
    ...(Sid !== undefined && { Sid }),
    ...(Action !== undefined && { Action: stringList(Action) }),
    ...(NotAction !== undefined && { NotAction: stringList(NotAction) }),
    ...(Resource !== undefined && { Resource: stringList(Resource) }),
    ...(NotResource !== undefined && { NotResource: stringList(NotResource) }),
    ...(Principal !== undefined && { Principal: readPrincipal(Principal) }),
    ...(NotPrincipal !== undefined && { NotPrincipal: readPrincipal(NotPrincipal) }),
    ...(Condition !== undefined && { Condition: readCondition(Condition) }),
  };
}

interface RawDocument {
  version?: string;
  id?: string;
  statements: RawStatement[];
}

function readDocument(json: string): RawDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new SyntaxFault();
  }
  syntax(isObject(parsed));
  for (const element of Object.keys(parsed)) syntax(TOP_LEVEL.has(element));
  const { Version, Id, Statement } = parsed;
  syntax(Version === undefined || (isString(Version) && VERSIONS.includes(Version)));
  syntax(Id === undefined || isString(Id));
  syntax(isObject(Statement) || (Array.isArray(Statement) && Statement.length > 0));
  const statements = (Array.isArray(Statement) ? Statement : [Statement]).map(readStatement);
  return { statements, ...(Version !== undefined && { version: Version }), ...(Id !== undefined && { id: Id }) };
}

function check(ok: boolean, message: string): void {
  if (!ok) throw malformedPolicy(message);
}

const SID = /^[0-9A-Za-z]*$/;

function checkStatementIds(statements: readonly RawStatement[]): void {
  const seen = new Set<string>();
  for (const { Sid } of statements) {
    if (!Sid) continue;
    check(SID.test(Sid), "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
    check(!seen.has(Sid), "Statement IDs (SID) in a single policy must be unique.");
    seen.add(Sid);
  }
}

function checkLegacyParsing(statements: readonly RawStatement[]): void {
  for (const statement of statements) {
    check(statement.Effect === "Allow" || statement.Effect === "Deny", LEGACY_PARSING_ERROR);
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      if (!isDateOperator(operator)) continue;
      for (const values of Object.values(keys)) for (const value of values) check(!Number.isNaN(parseDate(value)), LEGACY_PARSING_ERROR);
    }
  }
}

function checkResource(resource: string): void {
  if (resource === "*") return;
  const segments = resource.split(":");
  check(segments.length > 1 && segments[0] === "arn", `Resource ${resource} must be in ARN format or "*".`);
  const vendor = segments[2];
  check(vendor !== undefined && !/[*?]/.test(vendor), "Resource vendor must be fully qualified and cannot contain regexes.");
  // A short ARN is read as one with trailing wildcards, but not when it has empty segments to misplace.
  check(vendor !== "" && (segments.length >= 6 || !resource.includes("::")), LEGACY_PARSING_ERROR);
}

function checkAction(action: string): void {
  if (action === "*") return;
  const parts = action.split(":");
  check(parts.length > 1, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  check(parts.length === 2, "Actions/Condition can contain only one colon.");
  const vendor = parts[0] ?? "";
  check(vendor === "*" || /^[a-zA-Z0-9.-]+$/.test(vendor), `Vendor ${vendor} is not valid`);
}

/** Role trust policies grant only the ways of assuming the role. */
const isTrustAction = (action: string) => action === "*" || action.toLowerCase().startsWith("sts:");

function compileStatement(statement: RawStatement, kind: PolicyKind, variables: boolean): PolicyStatement {
  const principal = statement.Principal ?? statement.NotPrincipal;
  return {
    ...(statement.Sid !== undefined && { sid: statement.Sid }),
    effect: statement.Effect === "Allow" ? "Allow" : "Deny",
    action: compileActions(statement.Action ?? statement.NotAction ?? [], statement.Action === undefined),
    ...(kind !== "trust" && {
      resource: compileResources(statement.Resource ?? statement.NotResource ?? [], statement.Resource === undefined, variables),
    }),
    ...(kind !== "identity" && principal !== undefined && { principal: { not: statement.Principal === undefined, set: compilePrincipal(principal) } }),
    conditions: statement.Condition ? compileConditions(statement.Condition, variables) : [],
  };
}

/** Parses and validates a policy, throwing MalformedPolicyDocument with IAM's message. */
export function parsePolicyDocument(json: string, kind: PolicyKind): PolicyDocument {
  let raw: RawDocument;
  try {
    raw = readDocument(json);
  } catch (e) {
    if (e instanceof SyntaxFault) throw malformedPolicy(SYNTAX_ERROR);
    throw e;
  }
  const { statements } = raw;
  const version: PolicyVersion = raw.version === "2012-10-17" ? "2012-10-17" : "2008-10-17";
  if (kind === "identity") {
    check(statements.every((s) => !s.Principal && !s.NotPrincipal), "Policy document should not specify a principal.");
    check(version === "2012-10-17", "Policy document must be version 2012-10-17 or greater.");
  }
  checkLegacyParsing(statements);
  // Resource-based policies belong to services that name their statements their own way (SQS labels, Lambda statement ids).
  if (kind !== "resource") checkStatementIds(statements);
  check(statements.every((s) => (s.Action ?? s.NotAction ?? []).length > 0), "Policy statement must contain actions.");
  if (kind !== "identity") check(statements.every((s) => s.Principal || s.NotPrincipal), "Missing required field Principal");
  for (const statement of statements) {
    const resources = statement.Resource ?? statement.NotResource;
    if (kind === "trust") check(resources === undefined, `Has prohibited field ${statement.Resource ? "Resource" : "NotResource"}`);
    else check(resources !== undefined && resources.length > 0, "Policy statement must contain resources.");
  }
  for (const statement of statements) for (const resource of statement.Resource ?? statement.NotResource ?? []) checkResource(resource);
  for (const statement of statements) {
    const actions = statement.Action ?? statement.NotAction ?? [];
    for (const action of actions) checkAction(action);
    if (kind === "trust") check(actions.every(isTrustAction), "AssumeRole policy may only specify STS AssumeRole actions.");
  }
  for (const statement of statements) {
    for (const keys of Object.values(statement.Condition ?? {})) {
      for (const key of Object.keys(keys)) check(key.includes(":"), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
  }
  const variables = version === "2012-10-17";
  return {
    kind,
    version,
    ...(raw.id !== undefined && { id: raw.id }),
    statements: statements.map((statement) => compileStatement(statement, kind, variables)),
  };
}
