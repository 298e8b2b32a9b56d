import { errorMessage } from "../../../_lib/errors";
import { isTRPCClientError } from "../../../_trpc/client";

/** IAM's answers to a bad policy document, whichever document it is. */
export const DOCUMENT_ERRORS = ["MalformedPolicyDocumentException", "LimitExceededException"] as const;

/** zod's message for the input member, or the message of an AWS error whose code is about it. */
function memberMessage(error: unknown, member: string, codes: readonly string[]): string | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const zod = error.data?.zodError?.fieldErrors[member]?.[0];
  if (zod) return zod;
  const code = error.data?.awsCode;
  return code && codes.includes(code) ? error.message : undefined;
}

/**
 * A failed call's message placed under the field it is about (MalformedPolicyDocument under the
 * document's editor, a bad name under the name), or, when it is about none of them, for the form's alert.
 */
export function serverFieldErrors<Member extends string>(error: unknown, codesByMember: Record<Member, readonly string[]>) {
  const claimed = Object.entries<readonly string[]>(codesByMember).some(([member, codes]) => memberMessage(error, member, codes));
  return {
    field: (member: Member) => memberMessage(error, member, codesByMember[member]),
    other: error != null && !claimed ? errorMessage(error) : undefined,
  };
}
