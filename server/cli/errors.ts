/** A failure the user can fix (bad env, missing binary, unreachable server): printed as its message alone, without a stack. */
export class StartupError extends Error {}

/** The `code` of a Node system error or a pg error (ENOENT, EEXIST, 3D000, …). */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return undefined;
}
