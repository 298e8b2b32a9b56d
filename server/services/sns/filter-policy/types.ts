import type { IpRange } from "../../../lib/ip";

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

/** A leaf value as the matcher sees it: a JSON scalar from the body, or a typed message attribute value. */
export type Scalar = string | number | boolean | null;

/** SNS message attributes as published (after validation). */
export interface PublishedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export interface NumericBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** One element of a key's value array, other than `{"exists": …}` (which tests the key, not a value). */
export type ValuePattern =
  | { readonly type: "equals"; readonly value: Scalar }
  | { readonly type: "prefix"; readonly value: string }
  | { readonly type: "suffix"; readonly value: string }
  | { readonly type: "equals-ignore-case"; readonly lowered: string }
  | { readonly type: "anything-but"; readonly values: ReadonlySet<string> }
  | { readonly type: "anything-but-number"; readonly values: readonly number[] }
  | { readonly type: "anything-but-prefix"; readonly value: string }
  | { readonly type: "numeric"; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly type: "cidr"; readonly range: IpRange };

/** What one policy key accepts: any of its value patterns, or the key's presence / absence. */
export interface KeyRule {
  readonly patterns: readonly ValuePattern[];
  readonly ifPresent: boolean;
  readonly ifAbsent: boolean;
}

/** An AND over keys (dotted paths in body scope, attribute names in attribute scope). */
export type Branch = ReadonlyMap<string, KeyRule>;

export interface CompiledFilterPolicy {
  readonly scope: FilterPolicyScope;
  /** `$or` expanded: the message matches when any branch does. `{}` compiles to one empty branch (matches all). */
  readonly branches: readonly Branch[];
  /** Every key path the branches test plus its dotted parents, so body flattening can skip unrelated subtrees. */
  readonly paths: ReadonlySet<string>;
}
