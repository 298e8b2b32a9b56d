/**
 * awsQuery parameters are flat (`Attribute.1.Name=x`, `AttributeNames.member.1=All`); this
 * nests them so handlers see the same shapes as JSON callers: numbered keys become arrays and a
 * lone `member` wrapper is dropped. Maps and renamed members are left to the operation's decoder.
 */
export type QueryValue = string | QueryValue[] | QueryTree;
export interface QueryTree {
  [key: string]: QueryValue;
}

type RawNode = { [key: string]: string | RawNode };

export function parseQueryTree(pairs: Iterable<readonly [string, string]>): QueryTree {
  // Null-prototype nodes so names like `__proto__` are ordinary keys.
  const root: RawNode = Object.create(null);
  for (const [key, value] of pairs) {
    const path = key.split(".");
    const leaf = path.pop()!;
    let node: RawNode | undefined = root;
    for (const part of path) {
      const next: string | RawNode | undefined = node[part];
      if (typeof next === "string") {
        node = undefined;
        break;
      }
      node = next ?? (node[part] = Object.create(null) as RawNode);
    }
    if (node && typeof node[leaf] !== "object") node[leaf] = value;
  }
  return toTree(root);
}

function toTree(node: RawNode): QueryTree {
  const tree: QueryTree = Object.create(null);
  for (const [key, value] of Object.entries(node)) tree[key] = typeof value === "string" ? value : normalize(value);
  return tree;
}

function normalize(node: RawNode): QueryValue {
  const tree = toTree(node);
  const keys = Object.keys(tree);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => tree[k]!);
  }
  if (keys.length === 1 && Array.isArray(tree.member)) return tree.member;
  return tree;
}
