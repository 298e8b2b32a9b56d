import { roleAtLeast } from "../accounts/roles";
import type { CallContext } from "../context";
import { KinesisErrors } from "./errors";

/**
 * Changes (and writing records) need the developer role or higher; viewers may only read. Kinesis names
 * the refusal AccessDeniedException, so this is not the shared requireRole (whose code is AccessDenied).
 */
export function requireWriter(ctx: Pick<CallContext, "principal">, operation: string, resourceArn: string): void {
  if (!roleAtLeast(ctx.principal.role, "developer")) {
    throw KinesisErrors.accessDenied(
      `User: ${ctx.principal.arn} is not authorized to perform: kinesis:${operation} on resource: ${resourceArn} (requires the developer role or higher)`,
    );
  }
}
