import { percentDecode } from "../request";

/**
 * restJson1 URI templates such as `/2015-03-31/functions/{FunctionName}/invocations` (`{Key+}` is
 * greedy). A template may end in literal query parameters (`/2018-10-31/layers?find=LayerVersion`),
 * which a request must carry to match: they tell apart operations that share a path.
 */
export interface RestPath {
  template: string;
  pattern: RegExp;
  labels: string[];
  /** Query parameters the request must carry with exactly these values. */
  queryLiterals: [string, string][];
}

export function compileRestPath(template: string): RestPath {
  const [pathPart = "", queryPart = ""] = template.split("?", 2);
  const labels: string[] = [];
  const source = pathPart
    .split("/")
    .map((segment) => {
      const label = /^\{(\w+)(\+)?\}$/.exec(segment);
      if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      labels.push(label[1]!);
      return label[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { template, labels, pattern: new RegExp(`^${source}/?$`), queryLiterals: [...new URLSearchParams(queryPart)] };
}

/** The decoded label values when the wire path (still percent-encoded) and query match the template. */
export function matchRestPath(path: RestPath, wirePath: string, query: URLSearchParams = new URLSearchParams()): Record<string, string> | undefined {
  const match = path.pattern.exec(wirePath);
  if (!match || !path.queryLiterals.every(([key, value]) => query.get(key) === value)) return undefined;
  return Object.fromEntries(path.labels.map((label, i) => [label, percentDecode(match[i + 1]!)]));
}
