/** Log group and stream names hold slashes and brackets, so the console passes them as query parameters. */
export function logGroupHref(name: string): string {
  return `/logs/log-group?${new URLSearchParams({ name })}`;
}

export function logStreamHref(group: string, stream: string): string {
  return `/logs/log-stream?${new URLSearchParams({ group, stream })}`;
}

/** The group of a Lambda function's logs, unless its LoggingConfig names another. */
export function lambdaLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
