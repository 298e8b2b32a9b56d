/**
 * The function's resource-based policy (AddPermission / RemovePermission / GetPolicy): one policy per
 * function, version or alias. A change gives that version or alias a new RevisionId, as on AWS.
 */
import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { evaluateResourcePolicy } from "../iam/resource-policy";
import { LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import { LIMITS } from "./limits";
import type { FunctionRow } from "./model";
import type { LambdaInput } from "./schemas";
import { findAlias, isVersionQualifier, lockFunction, requireFunction } from "./store";
import { functionTarget, type FunctionTarget } from "./target";
import { PATTERNS, violations } from "./validation";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: string | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** The policy document as GetPolicy returns it. */
function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}

/** A statement's principal in policy form: a service, an account, an IAM ARN, or everyone. */
function principal(value: string): PolicyStatement["Principal"] {
  if (value === "*") return "*";
  if (value.endsWith(".amazonaws.com")) return { Service: value };
  if (/^\d{12}$/.test(value)) return { AWS: `arn:aws:iam::${value}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::\d{12}:/.test(value)) return { AWS: value };
  throw LambdaErrors.invalidParameter("The provided principal was invalid. Please check the principal and try again.");
}

function conditions(input: LambdaInput<"AddPermission">): PolicyStatement["Condition"] {
  const equals: Record<string, string> = {
    ...(input.FunctionUrlAuthType !== undefined && { "lambda:FunctionUrlAuthType": input.FunctionUrlAuthType }),
    ...(input.PrincipalOrgID !== undefined && { "aws:PrincipalOrgID": input.PrincipalOrgID }),
    ...(input.SourceAccount !== undefined && { "AWS:SourceAccount": input.SourceAccount }),
    ...(input.EventSourceToken !== undefined && { "lambda:EventSourceToken": input.EventSourceToken }),
  };
  const condition = {
    ...(Object.keys(equals).length > 0 && { StringEquals: equals }),
    ...(input.SourceArn !== undefined && { ArnLike: { "AWS:SourceArn": input.SourceArn } }),
  };
  return Object.keys(condition).length > 0 ? condition : undefined;
}

/** Where a qualifier's policy lives and the RevisionId that guards it ($LATEST's for the unqualified function). */
async function policyOwner(tx: Db, fn: FunctionRow, target: FunctionTarget): Promise<{ key: string; revisionId: string; bump(): Promise<void> }> {
  const key = target.qualifier ?? LATEST;
  if (isVersionQualifier(key)) {
    const version = await tx.lambdaVersion.findUnique({ where: { functionId_version: { functionId: fn.id, version: key } } });
    if (!version) throw LambdaErrors.functionNotFound(target.arn);
    return { key, revisionId: version.revisionId, bump: async () => void (await tx.lambdaVersion.update({ where: { id: version.id }, data: { revisionId: randomUUID() } })) };
  }
  const alias = await findAlias(tx, fn.id, key);
  if (!alias) throw LambdaErrors.resourceNotFound(`Cannot find alias arn: ${target.arn}`);
  return { key, revisionId: alias.revisionId, bump: async () => void (await tx.lambdaAlias.update({ where: { id: alias.id }, data: { revisionId: randomUUID() } })) };
}

async function statementsOf(db: Db, functionId: string, qualifier: string): Promise<PolicyStatement[]> {
  const rows = await db.lambdaPolicyStatement.findMany({ where: { functionId, qualifier }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.statement as unknown as PolicyStatement);
}

export async function addPermission(db: PrismaClient, ctx: CallContext, input: LambdaInput<"AddPermission">): Promise<{ Statement: string }> {
  requireRole(ctx, "developer", "lambda:AddPermission");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:AddPermission", qualifier: input.Qualifier, namespaced: true });
  violations()
    .length(input.StatementId, "statementId", 1, 100)
    .matches(input.StatementId, "statementId", PATTERNS.statementId)
    .matches(input.Action, "action", PATTERNS.action)
    .matches(input.Principal, "principal", PATTERNS.principal)
    .matches(input.SourceArn, "sourceArn", PATTERNS.sourceArn)
    .matches(input.SourceAccount, "sourceAccount", PATTERNS.sourceAccount)
    .length(input.EventSourceToken, "eventSourceToken", 0, 256)
    .matches(input.EventSourceToken, "eventSourceToken", PATTERNS.eventSourceToken)
    .matches(input.PrincipalOrgID, "principalOrgID", PATTERNS.principalOrgId)
    .oneOf(input.FunctionUrlAuthType, "functionUrlAuthType", ["NONE", "AWS_IAM"])
    .check();
  if (target.qualifier === LATEST) throw LambdaErrors.invalidParameter("We currently do not support adding policies for $LATEST.");
  const condition = conditions(input);
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: "Allow",
    Principal: principal(input.Principal),
    Action: input.Action,
    Resource: target.arn,
    ...(condition && { Condition: condition }),
  };
  return db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, { ...target, arn: target.unqualifiedArn });
    const owner = await policyOwner(tx, fn, target);
    if (input.RevisionId !== undefined && input.RevisionId !== owner.revisionId) throw LambdaErrors.preconditionFailed();
    const statements = await statementsOf(tx, fn.id, owner.key);
    if (statements.some((s) => s.Sid === input.StatementId)) {
      throw LambdaErrors.conflict(
        `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    const size = Buffer.byteLength(policyDocument([...statements, statement]));
    if (size > LIMITS.policyBytes) throw LambdaErrors.policyTooLarge(size, LIMITS.policyBytes);
    await tx.lambdaPolicyStatement.create({ data: { functionId: fn.id, qualifier: owner.key, sid: statement.Sid, statement: { ...statement } } });
    await owner.bump();
    return { Statement: JSON.stringify(statement) };
  });
}

export async function removePermission(db: PrismaClient, ctx: CallContext, input: LambdaInput<"RemovePermission">): Promise<void> {
  requireRole(ctx, "developer", "lambda:RemovePermission");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:RemovePermission", qualifier: input.Qualifier, namespaced: true });
  violations()
    .length(input.StatementId, "statementId", 1, 100)
    .matches(input.StatementId, "statementId", PATTERNS.namespacedStatementId)
    .check();
  await db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, { ...target, arn: target.unqualifiedArn });
    const owner = await policyOwner(tx, fn, target);
    const statements = await statementsOf(tx, fn.id, owner.key);
    if (statements.length === 0) throw LambdaErrors.resourceNotFound("No policy is associated with the given resource.");
    if (!statements.some((s) => s.Sid === input.StatementId)) {
      throw LambdaErrors.resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
    }
    if (input.RevisionId !== undefined && input.RevisionId !== owner.revisionId) throw LambdaErrors.preconditionFailed();
    await tx.lambdaPolicyStatement.delete({ where: { functionId_qualifier_sid: { functionId: fn.id, qualifier: owner.key, sid: input.StatementId } } });
    await owner.bump();
  });
}

export async function getPolicy(db: Db, ctx: CallContext, input: LambdaInput<"GetPolicy">): Promise<{ Policy: string; RevisionId: string }> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetPolicy", qualifier: input.Qualifier, namespaced: true });
  const fn = await requireFunction(db, { ...target, arn: target.unqualifiedArn });
  const owner = await policyOwner(db, fn, target);
  const statements = await statementsOf(db, fn.id, owner.key);
  if (statements.length === 0) throw LambdaErrors.resourceDoesNotExist();
  return { Policy: policyDocument(statements), RevisionId: owner.revisionId };
}

/** The policy guarding a qualifier ($LATEST for the unqualified function), for authorising cross-account calls. */
export async function policyFor(db: Db, functionId: string, qualifier: string | undefined): Promise<string | null> {
  const statements = await statementsOf(db, functionId, qualifier ?? LATEST);
  return statements.length > 0 ? policyDocument(statements) : null;
}

/** An AWS service invoking a function for one of its resources: SNS for a topic's subscription, … */
export interface ServiceInvocation {
  functionId: string;
  /** As the service names it (qualified when it names a version or alias). */
  functionArn: string;
  qualifier: string | undefined;
  /** e.g. `sns.amazonaws.com` */
  service: string;
  /** Without one, a statement conditioned on aws:SourceArn does not apply. */
  sourceArn?: string;
  sourceAccount: string;
}

/** Whether the function's policy lets the service invoke it for that source (AddPermission with Principal and SourceArn). */
export async function serviceMayInvoke(db: Db, invocation: ServiceInvocation): Promise<boolean> {
  const policy = await policyFor(db, invocation.functionId, invocation.qualifier);
  const decision = evaluateResourcePolicy(policy, {
    accountId: invocation.sourceAccount,
    principalArn: invocation.service,
    action: "lambda:InvokeFunction",
    resourceArn: invocation.functionArn,
    context: { "aws:SourceArn": invocation.sourceArn, "aws:SourceAccount": invocation.sourceAccount },
  });
  return decision === "allow";
}
