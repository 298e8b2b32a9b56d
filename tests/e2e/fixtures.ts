import { randomBytes } from "node:crypto";
import { test as base, expect, type BrowserContext } from "@playwright/test";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import type { TeamRole } from "../../server/services/context";
import { serviceTrustPolicy } from "../../server/services/iam/trust-policies";
import { WEB_URL } from "./urls";

export { expect };

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

export interface TeamUser extends Credentials {
  accountId: string;
  teamName: string;
}

/** A user nobody has signed up yet; unique per call so tests never collide. */
export function newCredentials(label: string): Credentials {
  const id = randomBytes(4).toString("hex");
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}-${id}@example.test`, password: `pw-${id}-${randomBytes(4).toString("hex")}` };
}

/** 123456789012 → 1234-5678-9012, as the console shows account IDs. */
export function formatAccountId(accountId: string): string {
  return accountId.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1-$2-$3");
}

/** A typed tRPC client that sends the browser context's cookies: the same session and team as its pages. */
export function consoleApi(context: BrowserContext) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${WEB_URL}/api/trpc`,
        transformer: superjson,
        async headers() {
          const cookies = await context.cookies(WEB_URL);
          return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
        },
      }),
    ],
  });
}

/**
 * An execution role Lambda may assume, created through the console's API once per team (teams enforce IAM
 * strictly, so a function's role must exist), with AWSLambdaSQSQueueExecutionRole (logs, and reading SQS
 * event sources); answers its ARN.
 */
export async function lambdaRole(context: BrowserContext, accountId: string, name = "lambda-role"): Promise<string> {
  const api = consoleApi(context);
  try {
    await api.iam.createRole.mutate({ RoleName: name, AssumeRolePolicyDocument: serviceTrustPolicy("lambda.amazonaws.com") });
  } catch (error) {
    if (!String(error).includes("already exists")) throw error;
  }
  // Attaching an attached policy changes nothing.
  await api.iam.attachRolePolicy.mutate({ RoleName: name, PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole" });
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** Signs in through next-auth's credentials endpoint; the session cookie lands in the context. */
export async function signIn(context: BrowserContext, user: Credentials): Promise<void> {
  const csrf = await context.request.get(`${WEB_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post(`${WEB_URL}/api/auth/callback/credentials`, {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: WEB_URL, json: "true" },
  });
  expect(res.ok()).toBe(true);
  const session = await (await context.request.get(`${WEB_URL}/api/auth/session`)).json();
  expect(session).toMatchObject({ user: { email: user.email } });
}

export async function signUpAndSignIn(context: BrowserContext, user: Credentials): Promise<void> {
  await consoleApi(context).auth.signUp.mutate(user);
  await signIn(context, user);
}

/** Makes `accountId` the console's current team, as the team switcher does. */
export async function selectTeam(context: BrowserContext, accountId: string): Promise<void> {
  await context.addCookies([{ name: "stratus_account", value: accountId, url: WEB_URL }]);
}

/** A signed-in user with a fresh team of their own selected. */
export async function createTeamUser(context: BrowserContext, label: string): Promise<TeamUser> {
  const user = newCredentials(label);
  await signUpAndSignIn(context, user);
  const teamName = `${label} team ${randomBytes(2).toString("hex")}`;
  const { accountId } = await consoleApi(context).team.create.mutate({ name: teamName });
  await selectTeam(context, accountId);
  return { ...user, accountId, teamName };
}

/** The owner invites a new user with `role`; that user signs up in `memberContext`, accepts and selects the team. */
export async function joinTeam(ownerContext: BrowserContext, owner: TeamUser, memberContext: BrowserContext, role: TeamRole): Promise<Credentials> {
  const member = newCredentials(role);
  const { link } = await consoleApi(ownerContext).team.invite.mutate({ email: member.email, role });
  await signUpAndSignIn(memberContext, member);
  const token = new URL(link).pathname.split("/").pop() ?? "";
  await consoleApi(memberContext).invitation.accept.mutate({ token });
  await selectTeam(memberContext, owner.accountId);
  return member;
}

interface Fixtures {
  /** The page's user: signed in, owner of a fresh team that is selected. */
  owner: TeamUser;
  /** A second, signed-out browser context: another person on another machine. */
  otherContext: BrowserContext;
}

export const test = base.extend<Fixtures>({
  // `provide` is Playwright's `use`, renamed so React's hook lint leaves it alone.
  owner: async ({ context }, provide) => {
    await provide(await createTeamUser(context, "Owner"));
  },
  otherContext: async ({ browser, baseURL, viewport }, provide) => {
    const context = await browser.newContext({ baseURL, viewport });
    await provide(context);
    await context.close();
  },
});
