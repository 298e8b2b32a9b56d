import { percentDecode } from "../request";

/** restJson1 URI templates such as `/2015-03-31/functions/{FunctionName}/invocations` (`{Key+}` is greedy). */
export interface RestPath {
  template: string;
  pattern: RegExp;
  labels: string[];
}

export function compileRestPath(template: string): RestPath {
  const labels: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const label = /^\{(\w+)(\+)?\}$/.exec(segment);
      if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      labels.push(label[1]!);
      return label[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { template, labels, pattern: new RegExp(`^${source}/?$`) };
}

/** The decoded label values when the wire path (still percent-encoded) matches the template. */
export function matchRestPath(path: RestPath, wirePath: string): Record<string, string> | undefined {
  const match = path.pattern.exec(wirePath);
  if (!match) return undefined;
  return Object.fromEntries(path.labels.map((label, i) => [label, percentDecode(match[i + 1]!)]));
}
