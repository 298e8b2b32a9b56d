import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Locator, Page } from "@playwright/test";
import { consoleApi, expect, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

/** End users have no AWS credentials: the SDK sends InitiateAuth unsigned, and a signed call would fail loudly. */
const endUser = new CognitoIdentityProviderClient({
  endpoint: GATEWAY_URL,
  region: "us-east-1",
  maxAttempts: 1,
  credentials: async () => {
    throw new Error("end users have no AWS credentials");
  },
});

/** A value in a details panel, by its label. */
function detail(page: Page, label: string): Locator {
  return page.locator(".kv", { has: page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole("definition");
}

/** A JWT's claims, unverified: the test only reads what the gateway put in them. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

test("user pool: create with email sign-in and an app client, manage a user, sign in through the gateway, delete", async ({ page, owner: _owner }) => {
  const email = "ana@example.com";
  await page.goto("/cognito");
  await expect(page.getByText("No user pools", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create user pool", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create user pool" })).toBeVisible();

  // Client-side checks first: a name is needed.
  await page.getByRole("button", { name: "Create user pool" }).click();
  await expect(page.getByText("Enter a name.").first()).toBeVisible();
  await expect(page.getByLabel("User pool name")).toBeFocused();

  // Email as the username, self sign-up, and an app client that signs in with a password.
  await page.getByLabel("User pool name").fill("customers");
  await expect(page.getByRole("checkbox", { name: "Email", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "User name", exact: true })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Enable self-registration/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Create an app client with the pool" })).toBeChecked();
  await page.getByLabel("App client name").fill("web");
  await page.getByRole("checkbox", { name: /ALLOW_USER_PASSWORD_AUTH/ }).check();
  await expect(page.getByRole("checkbox", { name: /ALLOW_REFRESH_TOKEN_AUTH/ })).toBeDisabled();
  await page.getByRole("button", { name: "Create user pool" }).click();
  await expect(page.getByRole("heading", { name: "customers", exact: true })).toBeVisible();
  await expect(page.getByText("The user pool was created.")).toBeVisible();

  // The overview names the pool's issuer and signing keys on the gateway, which serves them.
  const poolId = (await detail(page, "User pool ID").locator("code").textContent()) ?? "";
  expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
  await expect(detail(page, "Token signing key URL")).toContainText(`${GATEWAY_URL}/${poolId}/.well-known/jwks.json`);
  await expect(detail(page, "Issuer")).toContainText(`${GATEWAY_URL}/${poolId}`);
  const jwks = (await (await fetch(`${GATEWAY_URL}/${poolId}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
  expect(jwks.keys).toHaveLength(1);

  // The app client: its ID and the flow chosen.
  await page.getByRole("tab", { name: "App clients" }).click();
  await page.getByRole("table", { name: "App clients" }).getByRole("link", { name: "web" }).click();
  await expect(page.getByRole("heading", { name: "web", exact: true })).toBeVisible();
  const clientId = (await detail(page, "Client ID").locator("code").textContent()) ?? "";
  expect(clientId).toMatch(/^[a-z0-9]{26}$/);
  await expect(detail(page, "Authentication flows")).toContainText("ALLOW_USER_PASSWORD_AUTH");
  await expect(detail(page, "Client secret")).toHaveText("No client secret");

  // A group to add the user to.
  await page.getByRole("link", { name: "customers" }).click();
  await page.getByRole("tab", { name: "Groups" }).click();
  await page.getByRole("button", { name: "Create your first group" }).click();
  const groupDialog = page.getByRole("dialog", { name: "Create group" });
  await groupDialog.getByLabel("Group name").fill("admins");
  await groupDialog.getByLabel("Precedence - optional").fill("1");
  await groupDialog.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByText("Group admins created.")).toBeVisible();

  // A user with a temporary password starts in FORCE_CHANGE_PASSWORD, invited by email.
  await page.getByRole("tab", { name: "Users" }).click();
  await expect(page.getByText("No users", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create user" }).click();
  const create = page.getByRole("dialog", { name: "Create user" });
  await expect(create.getByRole("radio", { name: /Send an email invitation/ })).toBeChecked();
  await create.getByLabel("Email address (the user name)").fill(email);
  await create.getByRole("checkbox", { name: "Mark email address as verified" }).check();
  await create.getByRole("radio", { name: /Set a password/ }).check();
  await create.getByLabel("Password", { exact: true }).fill("Temp-pass-123!");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`User ${email} created.`)).toBeVisible();
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Force change password");
  await expect(row).toContainText("Enabled");

  // The filter narrows the list on the server.
  await page.getByLabel("Filter by").selectOption("email");
  await page.getByLabel("Starts with").fill("bob");
  await expect(page.getByText("No matches", { exact: true })).toBeVisible();
  await page.getByLabel("Starts with").fill("ana");
  await expect(row).toBeVisible();

  // The invitation is in the outbox.
  await page.getByRole("link", { name: "Messages sent to users" }).click();
  await expect(page.getByRole("table", { name: "Outbox messages" }).getByRole("row").filter({ hasText: email })).toContainText("Your temporary password");
  await page.goBack();

  // On the user's page: a permanent password confirms them; disable, enable; join the group.
  await row.getByRole("link").click();
  await expect(detail(page, "Confirmation status")).toHaveText("Force change password");
  await page.getByRole("button", { name: "Set password", exact: true }).click();
  const setPassword = page.getByRole("dialog", { name: "Set password" });
  await setPassword.getByLabel("Password", { exact: true }).fill("short");
  await setPassword.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(setPassword.getByRole("alert")).toContainText("Password not long enough");
  await setPassword.getByLabel("Password", { exact: true }).fill("Perm-pass-456!");
  await setPassword.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(setPassword).toBeHidden();
  await expect(detail(page, "Confirmation status")).toHaveText("Confirmed");

  await page.getByRole("button", { name: "Disable user access" }).click();
  await page.getByRole("dialog", { name: "Disable user access" }).getByRole("button", { name: "Disable" }).click();
  await expect(detail(page, "Status")).toHaveText("Disabled");
  await page.getByRole("button", { name: "Enable user access" }).click();
  await page.getByRole("dialog", { name: "Enable user access" }).getByRole("button", { name: "Enable" }).click();
  await expect(detail(page, "Status")).toHaveText("Enabled");

  await page.getByRole("button", { name: "Add user to group" }).click();
  const addToGroup = page.getByRole("dialog", { name: "Add user to group" });
  await expect(addToGroup.getByLabel("Group")).toHaveValue("admins");
  await addToGroup.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("table", { name: "Group memberships" }).getByRole("link", { name: "admins" })).toBeVisible();

  // The user signs in through the gateway with USER_PASSWORD_AUTH; the ID token names the pool and the group.
  const signIn = await endUser.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: "Perm-pass-456!" } }));
  expect(signIn.ChallengeName).toBeUndefined();
  const tokens = signIn.AuthenticationResult;
  expect(tokens?.AccessToken).toBeTruthy();
  expect(tokens?.RefreshToken).toBeTruthy();
  const claims = claimsOf(tokens?.IdToken ?? "");
  expect(claims).toMatchObject({ iss: `${GATEWAY_URL}/${poolId}`, aud: clientId, email, "cognito:groups": ["admins"] });

  // Delete the pool from its page: the name must be typed.
  await page.getByRole("link", { name: "customers" }).click();
  await page.getByRole("button", { name: "Delete user pool" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete user pool" });
  await confirm.getByLabel("To confirm, type “customers” in the field.").fill("customers");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/cognito$/);
  await expect(page.getByText("No user pools", { exact: true })).toBeVisible();
});

test("pool settings: edits keep the other settings, and deletion protection blocks deletion until turned off", async ({ page, context, owner: _owner }) => {
  await consoleApi(context).cognito.createUserPool.mutate({ PoolName: "protected", DeletionProtection: "ACTIVE" });
  await page.goto("/cognito");

  const deletePool = async () => {
    await page.getByRole("radio", { name: /^Select us-east-1_/ }).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Delete user pool" });
    await confirm.getByLabel("To confirm, type “protected” in the field.").fill("protected");
    await confirm.getByRole("button", { name: "Delete" }).click();
    return confirm;
  };
  const refused = await deletePool();
  await expect(refused.getByRole("alert")).toContainText("deletion protection is activated");
  await refused.getByRole("button", { name: "Cancel" }).click();

  // A password policy edit leaves deletion protection on: UpdateUserPool gets every current setting.
  await page.getByRole("link", { name: "protected" }).click();
  await page.getByRole("tab", { name: "Sign-in experience" }).click();
  await expect(detail(page, "Password requirements")).toContainText("At least 8 characters");
  await page.getByRole("button", { name: "Edit password policy" }).click();
  const policy = page.getByRole("dialog", { name: "Edit password policy" });
  await policy.getByLabel("Password minimum length").fill("5");
  await policy.getByRole("button", { name: "Save changes" }).click();
  await expect(policy.getByText("Enter a whole number. From 6 to 99 characters.")).toBeVisible();
  await policy.getByLabel("Password minimum length").fill("12");
  await policy.getByRole("checkbox", { name: "Contains at least 1 special character" }).uncheck();
  await policy.getByRole("button", { name: "Save changes" }).click();
  await expect(policy).toBeHidden();
  await expect(detail(page, "Password requirements")).toContainText("At least 12 characters");
  await expect(detail(page, "Password requirements")).not.toContainText("special character");

  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(detail(page, "Deletion protection")).toHaveText("Active");
  await page.getByRole("button", { name: "Edit deletion protection" }).click();
  const edit = page.getByRole("dialog", { name: "Edit deletion protection" });
  await edit.getByRole("checkbox", { name: "Activate deletion protection" }).uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(detail(page, "Deletion protection")).toHaveText("Inactive");
  await page.getByRole("tab", { name: "Sign-in experience" }).click();
  await expect(detail(page, "Password requirements")).toContainText("At least 12 characters");

  await page.getByRole("link", { name: "User pools", exact: true }).click();
  const accepted = await deletePool();
  await expect(accepted).toBeHidden();
  await expect(page.getByText("No user pools", { exact: true })).toBeVisible();
});

test("app client with a secret and the hosted UI: the secret is revealed on request, the link goes to the gateway's sign-in page", async ({ page, context, owner: _owner }) => {
  const { UserPool } = await consoleApi(context).cognito.createUserPool.mutate({ PoolName: "storefront" });
  await page.goto(`/cognito/${UserPool.Id}?tab=clients`);
  await expect(page.getByText("No app clients", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create app client", exact: true }).click();

  const create = page.getByRole("dialog", { name: "Create app client" });
  await create.getByLabel("App client name").fill("shop");
  await create.getByRole("checkbox", { name: /Generate a client secret/ }).check();
  await create.getByRole("checkbox", { name: /hosted UI/ }).check();
  await create.getByRole("button", { name: "Create app client" }).click();
  await expect(create.getByText("Enter at least one URL.")).toBeVisible();
  await create.getByLabel("Allowed callback URLs").fill("http://app.example.com/callback");
  await create.getByRole("button", { name: "Create app client" }).click();
  await expect(create.getByText("use HTTPS; plain HTTP is allowed for localhost only.")).toBeVisible();
  await create.getByLabel("Allowed callback URLs").fill("https://app.example.com/callback");
  await create.getByRole("button", { name: "Create app client" }).click();

  await expect(page.getByRole("heading", { name: "shop", exact: true })).toBeVisible();
  await expect(page.getByText("The app client was created.")).toBeVisible();
  const clientId = (await detail(page, "Client ID").locator("code").textContent()) ?? "";
  const secret = detail(page, "Client secret");
  await expect(secret.locator("code")).toHaveCount(0);
  await secret.getByRole("button", { name: "Show client secret" }).click();
  await expect(secret.locator("code")).toHaveText(/^[a-z0-9]{51}$/);

  const login = new URL(`${GATEWAY_URL}/${UserPool.Id}/login`);
  login.search = new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: "https://app.example.com/callback" }).toString();
  await expect(page.getByRole("link", { name: "View Hosted UI" })).toHaveAttribute("href", login.toString());
  await expect(detail(page, "OpenID Connect scopes")).toHaveText("openid, email");
});

test("hosted UI: sign up, confirm with the code from the console's outbox, sign in, and the app gets tokens for the code", async ({ page, context, owner: _owner }) => {
  const api = consoleApi(context);
  const { UserPool } = await api.cognito.createUserPool.mutate({ PoolName: "hosted", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
  const callback = "http://localhost:3100/callback";
  const { UserPoolClient } = await api.cognito.createUserPoolClient.mutate({
    UserPoolId: UserPool.Id,
    ClientName: "web",
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ["code"],
    AllowedOAuthScopes: ["openid", "email"],
    CallbackURLs: [callback],
    LogoutURLs: [callback],
    SupportedIdentityProviders: ["COGNITO"],
  });
  const clientId = UserPoolClient.ClientId;
  const authorize = `${GATEWAY_URL}/${UserPool.Id}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: "code", scope: "openid email", redirect_uri: callback, state: "s1" })}`;
  const email = `hosted-${Date.now()}@example.test`;

  // Sign up on the hosted UI.
  await page.goto(authorize);
  await page.getByRole("link", { name: /Sign up/ }).click();
  await expect(page.getByRole("heading", { name: "Sign up", exact: true })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Hosted-pass-1");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your account" })).toBeVisible();
  const confirmUrl = page.url();

  // The code is in the team's outbox, in the console.
  const consolePage = await context.newPage();
  await consolePage.goto("/sns/outbox");
  const outbox = consolePage.getByRole("table", { name: "Outbox messages" });
  const message = outbox.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) });
  await expect(message).toHaveCount(1, { timeout: 30_000 });
  await message.getByRole("button", { name: /^View message/ }).click();
  const body = consolePage.getByRole("dialog", { name: "Outbox message" }).getByTestId("outbox-body");
  await expect(body).toContainText(/\d{6}/);
  const code = /(\d{6})/.exec((await body.textContent()) ?? "")?.[1] ?? "";
  await consolePage.close();

  // Confirming signs the new user in and sends the browser back to the app with a code.
  expect(page.url()).toBe(confirmUrl);
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Confirm account" }).click();
  await page.waitForURL((url) => url.href.startsWith(callback));
  expect(new URL(page.url()).searchParams.get("state")).toBe("s1");

  // Sign out, then sign in with the password on the hosted UI.
  await page.goto(`${GATEWAY_URL}/${UserPool.Id}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: callback })}`);
  await page.waitForURL((url) => url.href.startsWith(callback));
  await page.goto(authorize);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Hosted-pass-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.href.startsWith(callback) && url.searchParams.has("code"));
  const grant = new URL(page.url()).searchParams.get("code") ?? "";

  // The app redeems the code for tokens.
  const tokens = await fetch(`${GATEWAY_URL}/${UserPool.Id}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, code: grant, redirect_uri: callback }),
  });
  expect(tokens.status).toBe(200);
  const { id_token } = (await tokens.json()) as { id_token: string };
  expect(claimsOf(id_token)).toMatchObject({ email, email_verified: true, aud: clientId });
});

test("identity pool: create with guest access and an unauthenticated role, a guest gets credentials through the gateway, delete", async ({ page, context, owner: _owner }) => {
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }],
  };
  const { Role } = await consoleApi(context).iam.createRole.mutate({ RoleName: "guest-role", AssumeRolePolicyDocument: JSON.stringify(trust) });

  await page.goto("/cognito");
  await page.getByRole("navigation", { name: "Cognito" }).getByRole("link", { name: "Identity pools" }).click();
  await expect(page.getByText("No identity pools", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create identity pool", exact: true }).click();
  await page.getByLabel("Identity pool name").fill("visitors");
  await page.getByRole("checkbox", { name: "Activate guest access" }).check();
  await page.getByLabel("Unauthenticated role").selectOption({ label: "guest-role" });
  await page.getByRole("button", { name: "Create identity pool" }).click();
  await expect(page.getByRole("heading", { name: "visitors", exact: true })).toBeVisible();
  await expect(page.getByText("The identity pool was created.")).toBeVisible();
  await expect(detail(page, "Guest access")).toHaveText("Activated");
  await expect(detail(page, "Unauthenticated role")).toHaveText(Role.Arn);
  const poolId = (await detail(page, "Identity pool ID").locator("code").textContent()) ?? "";
  expect(poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);

  // A guest of the app: no AWS credentials, so the SDK calls unsigned.
  const guest = new CognitoIdentityClient({
    endpoint: GATEWAY_URL,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: async () => {
      throw new Error("guests have no AWS credentials");
    },
  });
  const { IdentityId } = await guest.send(new GetIdCommand({ IdentityPoolId: poolId }));
  const { Credentials } = await guest.send(new GetCredentialsForIdentityCommand({ IdentityId }));
  expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
  expect(Credentials?.SecretKey).toBeTruthy();
  expect(Credentials?.SessionToken).toBeTruthy();

  // The guest's identity is listed on the pool's page.
  await page.reload();
  const identities = page.getByRole("table", { name: "Identities" });
  await expect(identities.getByRole("row", { name: new RegExp(IdentityId ?? "missing") })).toContainText("Guest (no logins)");

  // Deleting asks for the pool's name.
  await page.getByRole("button", { name: "Delete identity pool" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete identity pool" });
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  await dialog.getByLabel(/To confirm/).fill("visitors");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Identity pools", exact: true })).toBeVisible();
  await expect(page.getByText("No identity pools", { exact: true })).toBeVisible();
});
