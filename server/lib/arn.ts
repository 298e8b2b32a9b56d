/** ARN helpers: arn:aws:<service>:<region>:<account>:<resource>. */
export function arn(service: string, region: string, accountId: string, resource: string): string {
  return `arn:aws:${service}:${region}:${accountId}:${resource}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | null {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  const [, partition, service, region, accountId, ...rest] = parts;
  return { partition: partition!, service: service!, region: region!, accountId: accountId!, resource: rest.join(":") };
}
