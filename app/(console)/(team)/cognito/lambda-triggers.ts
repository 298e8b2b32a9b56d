/** The user pool Lambda triggers the console assigns (LambdaConfig), grouped as the AWS console groups them. */
import type { TileOption } from "../../../_components/Tiles";
import type { UserPool } from "./use-pool";

export type TriggerCategory = "sign-up" | "authentication" | "custom-auth" | "messaging";

export const TRIGGER_CATEGORIES: readonly TileOption<TriggerCategory>[] = [
  { value: "sign-up", label: "Sign-up", description: "Customize how users sign up and what happens once they are confirmed." },
  { value: "authentication", label: "Authentication", description: "Check sign-ins, act on them, and customize the tokens Cognito issues." },
  { value: "custom-auth", label: "Custom authentication", description: "Define challenges of your own for the CUSTOM_AUTH flow." },
  { value: "messaging", label: "Messaging", description: "Customize the email and SMS messages Cognito sends." },
];

export interface TriggerType {
  /** Its member of LambdaConfig. */
  key: "PreSignUp" | "PostConfirmation" | "PreAuthentication" | "PostAuthentication" | "PreTokenGeneration" | "CustomMessage" | "DefineAuthChallenge" | "CreateAuthChallenge" | "VerifyAuthChallengeResponse";
  label: string;
  category: TriggerCategory;
  description: string;
}

export type TriggerKey = TriggerType["key"];

export const TRIGGER_TYPES: readonly TriggerType[] = [
  { key: "PreSignUp", label: "Pre sign-up", category: "sign-up", description: "Validates sign-ups, and may confirm users and verify their attributes at once." },
  { key: "PostConfirmation", label: "Post confirmation", category: "sign-up", description: "Runs once a user is confirmed, e.g. to welcome them or record them elsewhere." },
  { key: "PreAuthentication", label: "Pre authentication", category: "authentication", description: "May refuse a sign-in before Cognito checks the password." },
  { key: "PostAuthentication", label: "Post authentication", category: "authentication", description: "Runs after a successful sign-in, e.g. for auditing." },
  // Cognito sends this function the version 1 event (ID token claims and groups); version 2's access token customisation isn't offered.
  { key: "PreTokenGeneration", label: "Pre token generation", category: "authentication", description: "Adds, changes or suppresses ID token claims and groups (event version 1)." },
  { key: "DefineAuthChallenge", label: "Define auth challenge", category: "custom-auth", description: "Decides the next challenge, and when the user has answered enough of them." },
  { key: "CreateAuthChallenge", label: "Create auth challenge", category: "custom-auth", description: "Creates the challenge the user must answer." },
  { key: "VerifyAuthChallengeResponse", label: "Verify auth challenge response", category: "custom-auth", description: "Checks the user's answer to the challenge." },
  { key: "CustomMessage", label: "Custom message", category: "messaging", description: "Rewrites verification codes, invitations and other messages before they are sent." },
];

export const categoryLabel = (category: TriggerCategory) => TRIGGER_CATEGORIES.find((c) => c.value === category)?.label ?? category;

/** A trigger the pool has, with the function it invokes. */
export interface AssignedTrigger extends TriggerType {
  functionArn: string;
}

/** The pool's triggers among those the console knows, in the console's order. */
export function assignedTriggers(pool: Pick<UserPool, "LambdaConfig">): AssignedTrigger[] {
  return TRIGGER_TYPES.flatMap((type) => {
    const functionArn = pool.LambdaConfig[type.key];
    return typeof functionArn === "string" ? [{ ...type, functionArn }] : [];
  });
}

/** LambdaConfig with `key` assigned to `functionArn`, or removed when it is undefined; the other triggers stay. */
export function withTrigger(config: UserPool["LambdaConfig"], key: TriggerKey, functionArn: string | undefined): UserPool["LambdaConfig"] {
  const { [key]: _replaced, ...others } = config;
  return functionArn === undefined ? others : { ...others, [key]: functionArn };
}
