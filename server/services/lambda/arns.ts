/** Lambda ARNs and the name forms its operations accept for a function or a layer. */
import { arn } from "../../lib/arn";

export const LATEST = "$LATEST";

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return arn("lambda", region, accountId, `function:${name}${qualifier === undefined ? "" : `:${qualifier}`}`);
}

export function layerArn(region: string, accountId: string, name: string): string {
  return arn("lambda", region, accountId, `layer:${name}`);
}

export function layerVersionArn(region: string, accountId: string, name: string, version: number): string {
  return `${layerArn(region, accountId, name)}:${version}`;
}

/** What a FunctionName names: `name`, `name:qualifier`, `acct:function:name[:q]` or a full ARN. */
export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

const FUNCTION_REF =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

/** Undefined when the value is no function name or ARN (the caller reports the pattern violation). */
export function parseFunctionRef(value: string): FunctionRef | undefined {
  const match = FUNCTION_REF.exec(value);
  if (!match) return undefined;
  const [, region, accountId, name, qualifier] = match;
  return { name: name!, qualifier, accountId, region };
}

export interface LayerVersionRef {
  region: string;
  accountId: string;
  name: string;
  version?: number;
}

const LAYER_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+)(?::(\d+))?$/;

export function parseLayerArn(value: string): LayerVersionRef | undefined {
  const match = LAYER_ARN.exec(value);
  if (!match) return undefined;
  const [, region, accountId, name, version] = match;
  return { region: region!, accountId: accountId!, name: name!, version: version === undefined ? undefined : Number(version) };
}
