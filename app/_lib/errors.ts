import { isTRPCClientError } from "../_trpc/client";

/**
 * The text to show for a failed call. Domain errors carry a readable message; input
 * validation errors carry zod's per-field messages, of which the first is the useful one.
 */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError(error)) {
    const zod = error.data?.zodError;
    const message = zod && (Object.values(zod.fieldErrors).find((messages) => messages?.length)?.[0] ?? zod.formErrors[0]);
    if (message) return message;
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}

/** A call that failed because the resource doesn't exist (yet): AWS's ResourceNotFoundException. */
export function isNotFound(error: unknown): boolean {
  return isTRPCClientError(error) && error.data?.awsCode === "ResourceNotFoundException";
}
