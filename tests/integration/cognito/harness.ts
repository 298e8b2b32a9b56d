/** Cognito user pool tests: a gateway, an admin SDK client, an unsigned end-user client, the outbox where codes arrive, and a browser for the hosted UI. */
import assert from "node:assert/strict";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { prisma } from "../../../server/db/client";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";
import { waitFor } from "../../helpers/wait";
import { rejectsWith } from "../iam/harness";

export const CALLBACK = "https://app.example.test/callback";
export const SIGNED_OUT = "https://app.example.test/signed-out";

export interface OAuthApp {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

export interface CognitoHarness {
  gateway: RunningGateway;
  team: TestTeam;
  admin: CognitoIdentityProviderClient;
  /** End users have no AWS credentials: the SDK sends their calls unsigned. */
  anonymous: CognitoIdentityProviderClient;
  pool(input?: Partial<CreateUserPoolCommandInput>, client?: { GenerateSecret?: boolean; ExplicitAuthFlows?: string[] }): Promise<{ poolId: string; clientId: string; clientSecret?: string }>;
  /** The six-digit code last sent to `destination` (an email address or phone number) through the team's outbox. */
  code(destination: string): Promise<string>;
  /** A pool with an app client for the hosted UI and OAuth endpoints (code and implicit flows, CALLBACK and SIGNED_OUT registered). */
  oauthApp(client?: Partial<CreateUserPoolClientCommandInput>, pool?: Partial<CreateUserPoolCommandInput>): Promise<OAuthApp>;
  /** A request to the pool's token endpoint, with HTTP Basic client authentication when `basic` (`id:secret`) is given. */
  tokenRequest(app: OAuthApp, fields: Record<string, string>, basic?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A new browser (no cookies) on the gateway. */
  browser(): Browser;
  close(): Promise<void>;
}

export async function startCognito(): Promise<CognitoHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const { admin, anonymous } = userPoolClients(gateway.url, team);
  return {
    gateway,
    team,
    admin,
    anonymous,
    async pool(input = {}, client = {}) {
      const { UserPool } = await admin.send(
        new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, AutoVerifiedAttributes: ["email"], UsernameAttributes: undefined, ...input }),
      );
      const { UserPoolClient } = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: UserPool!.Id!,
          ClientName: "app",
          GenerateSecret: client.GenerateSecret,
          ExplicitAuthFlows: (client.ExplicitAuthFlows ?? ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]) as never,
        }),
      );
      return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
    },
    async code(destination) {
      const item = await waitFor(
        `a code for ${destination}`,
        async () => (await prisma().snsOutboxItem.findFirst({ where: { accountId: team.accountId, destination }, orderBy: { id: "desc" } })) ?? undefined,
      );
      const match = /(\d{6})/.exec(item.body);
      if (!match) throw new Error(`no code in: ${item.body}`);
      return match[1]!;
    },
    async oauthApp(client = {}, pool = {}) {
      const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: `oauth-${Date.now()}`, AutoVerifiedAttributes: ["email"], ...pool }));
      const { UserPoolClient } = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: UserPool!.Id,
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code", "implicit"],
          AllowedOAuthScopes: ["openid", "email", "profile"],
          CallbackURLs: [CALLBACK],
          LogoutURLs: [SIGNED_OUT],
          ...client,
        }),
      );
      return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
    },
    async tokenRequest(app, fields, basic) {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
      const res = await fetch(`${gateway.url}/${app.poolId}/oauth2/token`, { method: "POST", headers, body: new URLSearchParams(fields) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    browser: () => new Browser(gateway.url),
    async close() {
      admin.destroy();
      anonymous.destroy();
      await gateway.close();
      await prisma().$disconnect();
    },
  };
}

/** A browser: cookies kept by name and path, sent where their path applies; no redirects followed; forms read from the pages. */
export class Browser {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(readonly base: string) {}

  async get(url: string): Promise<Response> {
    const target = new URL(url, this.base);
    return this.#remember(target, await fetch(target, { redirect: "manual", headers: this.#cookieHeader(target) }));
  }

  async post(url: string, fields: Record<string, string>): Promise<Response> {
    const target = new URL(url, this.base);
    const headers = { ...this.#cookieHeader(target), "content-type": "application/x-www-form-urlencoded" };
    return this.#remember(target, await fetch(target, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(fields) }));
  }

  /** Fills the page's form (its hidden fields kept) and posts it. */
  async submit(page: Response | string, fields: Record<string, string>): Promise<Response> {
    const form = formOf(typeof page === "string" ? page : await page.text());
    return this.post(form.action, { ...form.hidden, ...fields });
  }

  /** Whether the browser holds a cookie of that name (on any path). */
  has(name: string): boolean {
    return [...this.#cookies.values()].some((c) => c.name === name);
  }

  #cookieHeader(target: URL): Record<string, string> {
    const applicable = [...this.#cookies.values()].filter((c) => target.pathname === c.path || target.pathname.startsWith(`${c.path}/`));
    return applicable.length ? { cookie: applicable.map((c) => `${c.name}=${c.value}`).join("; ") } : {};
  }

  #remember(target: URL, res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const path = attributes.find((a) => a.toLowerCase().startsWith("path="))?.slice(5) ?? target.pathname;
      if (/max-age=0/i.test(line)) this.#cookies.delete(`${name} ${path}`);
      else this.#cookies.set(`${name} ${path}`, { name, value: pair.slice(at + 1), path });
    }
    return res;
  }
}

export const unescapeHtml = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** A page's form: where it posts, and its hidden fields. */
export function formOf(html: string): { action: string; hidden: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  assert.ok(action, `no form in the page: ${html.slice(0, 400)}`);
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescapeHtml(m[1]!), unescapeHtml(m[2]!)]));
  return { action: unescapeHtml(action), hidden };
}

export const location = (res: Response) => res.headers.get("location") ?? "";

/** The pool's authorization endpoint for the app (a code for CALLBACK, state `st-1`, unless `params` say otherwise). */
export const authorizeUrl = (app: OAuthApp, params: Record<string, string>) =>
  `/${app.poolId}/oauth2/authorize?${new URLSearchParams({ client_id: app.clientId, redirect_uri: CALLBACK, response_type: "code", state: "st-1", ...params })}`;

/** authorize → the sign-in page → the credentials posted; the answer is the redirect back to the app, or the next page. */
export async function hostedSignIn(browser: Browser, app: OAuthApp, params: Record<string, string>, username: string, password: string): Promise<Response> {
  const start = await browser.get(authorizeUrl(app, params));
  assert.equal(start.status, 302);
  assert.ok(location(start).startsWith(`/${app.poolId}/login?`), location(start));
  const page = await browser.get(location(start));
  assert.equal(page.status, 200);
  return browser.submit(page, { username, password });
}

/** The code in a redirect back to the app (CALLBACK, with state `st-1`). */
export function codeOf(res: Response): string {
  assert.equal(res.status, 302);
  const url = new URL(location(res));
  assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
  assert.equal(url.searchParams.get("state"), "st-1");
  return url.searchParams.get("code")!;
}

/** Asserts that `call` fails with Cognito's error `name` (always HTTP 400) and, when given, its message (exactly, or matching). */
export const rejects = (call: Promise<unknown>, name: string, message?: string | RegExp) => rejectsWith(call, name, 400, message);

/** What end users' clients hold: unsigned operations never ask for credentials; signed ones fail loudly with these. */
export const noCredentials = async (): Promise<never> => {
  throw new Error("end users have no AWS credentials");
};

/** User pool clients against `url`: the team's (the admin API) and an end user's (unsigned operations). */
export function userPoolClients(url: string, team: TestTeam) {
  const options = { endpoint: url, region: "us-east-1", maxAttempts: 1 };
  return { admin: new CognitoIdentityProviderClient({ ...options, credentials: team }), anonymous: new CognitoIdentityProviderClient({ ...options, credentials: noCredentials }) };
}
