/** Client-side checks of a function's settings, with AWS's rules, before anything is sent. */

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const HANDLER = /^[^\s]{1,128}$/;

export function checkFunctionName(name: string): string | undefined {
  if (!name) return "Enter a function name.";
  if (!NAME.test(name)) return "Use 1 to 64 letters, numbers, hyphens (-) and underscores (_).";
  return undefined;
}

export function checkRoleArn(role: string): string | undefined {
  if (!ROLE_ARN.test(role.trim())) return "Enter a role ARN such as arn:aws:iam::123456789012:role/lambda-role.";
  return undefined;
}

export function checkHandler(handler: string): string | undefined {
  if (!HANDLER.test(handler.trim())) return "Enter the handler as file.function, e.g. index.handler (up to 128 characters, no spaces).";
  return undefined;
}

/** A whole number in [min, max], or the message to show. */
export function checkWhole(text: string, min: number, max: number, what: string): string | undefined {
  const value = text.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) return `${what} must be a whole number from ${min} to ${max}.`;
  return undefined;
}
