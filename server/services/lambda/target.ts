/** Reads the FunctionName (and Qualifier) an operation names, with AWS's checks and errors. */
import type { CallContext } from "../context";
import { functionArn, parseFunctionRef } from "./arns";
import { LambdaErrors } from "./errors";
import { PATTERNS, violations } from "./validation";

export interface FunctionTarget {
  accountId: string;
  region: string;
  name: string;
  /** From the Qualifier parameter or the name's own `:qualifier`. */
  qualifier?: string;
  unqualifiedArn: string;
  /** Qualified when a qualifier was given. */
  arn: string;
}

export interface TargetOptions {
  /** The IAM action, named when the function belongs to another account. */
  action: string;
  /** The Qualifier parameter. */
  qualifier?: string;
  /** Operations on the function as a whole refuse a version or alias. */
  unqualified?: boolean;
  /** Get*, Delete, policy and event-invoke operations accept the longer "namespaced" names. */
  namespaced?: boolean;
  /** Names in other accounts are returned rather than refused (Invoke checks the function's policy). */
  crossAccount?: boolean;
}

const UNQUALIFIED_ONLY =
  "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.";

export function functionTarget(ctx: CallContext, functionName: string, opts: TargetOptions): FunctionTarget {
  const checks = violations()
    .length(functionName, "functionName", 1, opts.namespaced ? 256 : 140)
    .matches(functionName, "functionName", opts.namespaced ? PATTERNS.namespacedFunctionName : PATTERNS.functionName);
  if (opts.qualifier !== undefined) {
    checks.length(opts.qualifier, "qualifier", 1, 128).matches(opts.qualifier, "qualifier", PATTERNS.qualifier);
  }
  checks.check();
  const ref = parseFunctionRef(functionName);
  // The patterns above accept exactly what parseFunctionRef reads.
  if (!ref) throw new Error(`Unparsed function name ${functionName}`);
  if (ref.region !== undefined && ref.region !== ctx.region) throw LambdaErrors.regionMismatch(ref.region, ctx.region);
  if (opts.qualifier !== undefined && ref.qualifier !== undefined && opts.qualifier !== ref.qualifier) {
    throw LambdaErrors.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
  }
  const accountId = ref.accountId ?? ctx.accountId;
  const qualifier = opts.qualifier ?? ref.qualifier;
  const target: FunctionTarget = {
    accountId,
    region: ctx.region,
    name: ref.name,
    qualifier,
    unqualifiedArn: functionArn(ctx.region, accountId, ref.name),
    arn: functionArn(ctx.region, accountId, ref.name, qualifier),
  };
  if (accountId !== ctx.accountId && !opts.crossAccount) throw LambdaErrors.accessDenied(ctx.principal.arn, opts.action, target.arn);
  if (opts.unqualified && qualifier !== undefined) throw LambdaErrors.invalidParameter(UNQUALIFIED_ONLY);
  return target;
}
