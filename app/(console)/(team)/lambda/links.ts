/** The console's Lambda addresses. */
export type FunctionTab = "code" | "test" | "monitor" | "triggers" | "configuration" | "versions" | "aliases";

export function functionHref(name: string, tab?: FunctionTab): string {
  return `/lambda/functions/${encodeURIComponent(name)}${tab ? `?tab=${tab}` : ""}`;
}

/** The function's name from its ARN (arn:aws:lambda:region:account:function:name[:qualifier]). */
export function functionNameFromArn(arn: string): string {
  return arn.split(":")[6] ?? arn;
}
