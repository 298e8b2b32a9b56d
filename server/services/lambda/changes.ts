/**
 * Workers cache what an invocation needs to know about a function (see LambdaExecutor) for a moment;
 * every control-plane change that can alter it announces itself on this channel after it commits,
 * and the workers drop their cache, so the next invocation sees the change.
 */
import type { Db } from "../../db/client";

export const FUNCTIONS_CHANGED_CHANNEL = "stratus_lambda_functions_changed";

export async function announceFunctionsChanged(db: Db): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${FUNCTIONS_CHANGED_CHANNEL}, '')`;
}
