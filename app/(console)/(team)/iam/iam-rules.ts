/** IAM's rules for what the forms send, checked before sending so mistakes show at once. */

const NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;

/** Role and user names have up to 64 characters, policy names up to 128: IAM's `[\w+=,.@-]+`. */
export function nameError(name: string, what: "Role" | "User" | "Policy", max: number): string | undefined {
  if (!name) return `Enter a ${what.toLowerCase()} name.`;
  if (name.length > max || !NAME.test(name)) return `${what} names have up to ${max} characters: letters, digits and + = , . @ _ -`;
  return undefined;
}

export function pathError(path: string): string | undefined {
  return path.length <= 512 && PATH.test(path) ? undefined : "A path starts and ends with a slash, e.g. / or /service-role/.";
}

export function descriptionError(description: string): string | undefined {
  return description.length > 1000 ? "Descriptions can have up to 1,000 characters." : undefined;
}

export function documentError(document: string): string | undefined {
  return document.trim() ? undefined : "Enter a policy document.";
}
