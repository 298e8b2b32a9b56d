/** Update operations for plain members, as the console's editors send them. */
import type { PatchOperation } from "~/server/services/apigateway/patch";

/** A member's patch path with its value before and after the edit; undefined is unset. */
export type MemberChange = readonly [path: string, before: string | number | boolean | undefined, after: string | number | boolean | undefined];

/** The operations that turn each `before` into its `after`: set or replaced, removed, or nothing when equal. */
export function memberPatch(changes: readonly MemberChange[]): PatchOperation[] {
  return changes.flatMap(([path, before, after]): PatchOperation[] => {
    if (after === undefined) return before === undefined ? [] : [{ op: "remove", path }];
    return String(after) === String(before) ? [] : [{ op: "replace", path, value: String(after) }];
  });
}

/** A value as one patch path segment, escaped the JSON-pointer way: `application/json` is written `application~1json`. */
export const patchSegment = (value: string) => value.replace(/~/g, "~0").replace(/\//g, "~1");
