import type { Locator, Page } from "@playwright/test";
import { consoleApi, expect, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

/** Where the app's hosted UI sends users back to: any address of the console's origin does. */
const CALLBACK = "http://localhost:3100/callback";
const PASSWORD = "Partner-pass-1";

/** A value in a details panel, by its label. */
function detail(page: Page, label: string): Locator {
  return page.locator(".kv", { has: page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole("definition");
}

/** Creates a user pool on the console's create page, without an app client; the pool's ID. */
async function createPool(page: Page, name: string, signIn: "Email" | "User name"): Promise<string> {
  await page.goto("/cognito/create");
  await page.getByLabel("User pool name").fill(name);
  if (signIn === "User name") {
    await page.getByRole("checkbox", { name: "User name", exact: true }).check();
    await page.getByRole("checkbox", { name: "Email", exact: true }).uncheck();
  }
  await page.getByRole("checkbox", { name: "Create an app client with the pool" }).uncheck();
  await page.getByRole("button", { name: "Create user pool" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  return (await detail(page, "User pool ID").locator("code").textContent()) ?? "";
}

/** Opens the pool's App clients tab and the create dialog, and fills the hosted UI's settings. */
async function startAppClient(page: Page, poolId: string, name: string, callback: string): Promise<Locator> {
  await page.goto(`/cognito/${poolId}?tab=clients`);
  await page.getByRole("button", { name: "Create app client", exact: true }).click();
  const create = page.getByRole("dialog", { name: "Create app client" });
  await create.getByLabel("App client name").fill(name);
  await create.getByRole("checkbox", { name: /hosted UI/ }).check();
  await create.getByLabel("Allowed callback URLs").fill(callback);
  return create;
}

test("user pool federation: an OIDC provider that is another pool, enabled on an app client; a user signs in through it and is listed as an external provider's user", async ({
  page,
  context,
  owner: _owner,
}) => {
  // The pool the app federates with, and the app's own pool (whose idpresponse the provider sends users back to).
  const idpPoolId = await createPool(page, "idp", "Email");
  const appPoolId = await createPool(page, "app", "User name");

  // The provider's confidential client for the app's pool, and its user.
  const idpClient = await startAppClient(page, idpPoolId, "federation", `${GATEWAY_URL}/${appPoolId}/oauth2/idpresponse`);
  await idpClient.getByRole("checkbox", { name: /Generate a client secret/ }).check();
  await idpClient.getByRole("button", { name: "Create app client" }).click();
  await expect(page.getByRole("heading", { name: "federation", exact: true })).toBeVisible();
  const idpClientId = (await detail(page, "Client ID").locator("code").textContent()) ?? "";
  await detail(page, "Client secret").getByRole("button", { name: "Show client secret" }).click();
  const idpClientSecret = (await detail(page, "Client secret").locator("code").textContent()) ?? "";
  expect(idpClientSecret).toMatch(/^[a-z0-9]{51}$/);
  const api = consoleApi(context);
  const email = "ada@partner.example.test";
  await api.cognito.adminCreateUser.mutate({ UserPoolId: idpPoolId, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email_verified", Value: "true" }] });
  await api.cognito.adminSetUserPassword.mutate({ UserPoolId: idpPoolId, Username: email, Password: PASSWORD, Permanent: true });

  // The app's pool gets the provider on its Sign-in experience tab.
  await page.goto(`/cognito/${appPoolId}?tab=sign-in`);
  const providers = page.getByRole("table", { name: "Identity providers" });
  await expect(page.getByText("No identity providers", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Add identity provider", exact: true }).click();
  const add = page.getByRole("dialog", { name: "Add identity provider" });
  await add.getByRole("button", { name: "Add identity provider" }).click();
  await expect(add.getByText("Enter a provider name.")).toBeVisible();
  await add.getByLabel("Provider name").fill("Partner");
  await add.getByLabel("Client ID").fill(idpClientId);
  await add.getByLabel("Client secret").fill(idpClientSecret);
  await add.getByLabel("Authorized scopes").fill("openid email");
  await add.getByLabel("Issuer URL").fill(`${GATEWAY_URL}/${idpPoolId}`);
  await expect(add.getByRole("radio", { name: /^GET/ })).toBeChecked();
  await expect(add.getByLabel("User pool attribute 1")).toHaveValue("email");
  await expect(add.getByLabel("OpenID Connect attribute 1")).toHaveValue("email");
  await add.getByRole("button", { name: "Add identity provider" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByText("Identity provider Partner added.")).toBeVisible();
  await expect(providers.getByRole("row").filter({ hasText: "Partner" })).toContainText("OpenID Connect");

  // Editing shows the provider as saved, its secret included.
  await page.getByRole("radio", { name: "Select Partner" }).check();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Partner" });
  await expect(edit.getByLabel("Provider name")).toBeDisabled();
  await expect(edit.getByLabel("Client secret")).toHaveValue(idpClientSecret);
  await edit.getByRole("button", { name: "Cancel" }).click();

  // The app's client offers the pool's own sign-in and the provider.
  const appClient = await startAppClient(page, appPoolId, "web", CALLBACK);
  await expect(appClient.getByRole("checkbox", { name: "Cognito user pool" })).toBeChecked();
  await appClient.getByRole("checkbox", { name: "Partner", exact: true }).check();
  await appClient.getByRole("button", { name: "Create app client" }).click();
  await expect(page.getByRole("heading", { name: "web", exact: true })).toBeVisible();
  await expect(detail(page, "Identity providers")).toHaveText("Cognito user pool, Partner");
  const appClientId = (await detail(page, "Client ID").locator("code").textContent()) ?? "";

  // The app's hosted UI: sign in with the provider, on the provider's own page, and back to the app with a code.
  await page.goto((await page.getByRole("link", { name: "View Hosted UI" }).getAttribute("href")) ?? "");
  await page.getByRole("link", { name: "Sign in with Partner" }).click();
  await page.waitForURL((url) => url.pathname === `/${idpPoolId}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.href.startsWith(CALLBACK) && url.searchParams.has("code"));
  const code = new URL(page.url()).searchParams.get("code") ?? "";

  // The code is the federated user's.
  const tokens = await fetch(`${GATEWAY_URL}/${appPoolId}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: appClientId, code, redirect_uri: CALLBACK }),
  });
  expect(tokens.status).toBe(200);
  const { id_token } = (await tokens.json()) as { id_token: string };
  const claims = JSON.parse(Buffer.from(id_token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
  expect(claims).toMatchObject({ iss: `${GATEWAY_URL}/${appPoolId}`, aud: appClientId, email });
  expect(claims["cognito:username"]).toMatch(/^Partner_/);

  // The console lists the federated user in the app's pool.
  await page.goto(`/cognito/${appPoolId}`);
  const federated = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: "Partner_" });
  await expect(federated).toContainText("External provider");
  await expect(federated).toContainText(email);
});

test("IAM identity providers: add an OpenID Connect provider, change its audiences, trust it in a role and an identity pool, delete it", async ({ page, owner }) => {
  const url = "https://token.example.test/tenant-1";
  const name = "token.example.test/tenant-1";
  const arn = `arn:aws:iam::${owner.accountId}:oidc-provider/${name}`;

  await page.goto("/iam");
  await page.getByRole("navigation", { name: "IAM" }).getByRole("link", { name: "Identity providers" }).click();
  await expect(page.getByText("No identity providers", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Create identity provider", exact: true }).click();
  const add = page.getByRole("dialog", { name: "Add identity provider" });
  await add.getByLabel("Provider URL").fill("https://token.example.test/?tenant=1");
  await add.getByRole("button", { name: "Add provider" }).click();
  await expect(add.getByText(/without a query or fragment/)).toBeVisible();
  await expect(add.getByText(/Enter at least one audience/)).toBeVisible();
  await add.getByLabel("Provider URL").fill(url);
  await add.getByLabel("Audiences").fill("web-app");
  await add.getByRole("button", { name: "Add provider" }).click();

  // Its page: the URL without the scheme names it.
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByText(`Identity provider ${name} added.`)).toBeVisible();
  await expect(detail(page, "ARN")).toContainText(arn);
  const audiences = page.getByRole("table", { name: "Audiences" });
  await expect(audiences.getByRole("row").filter({ hasText: "web-app" })).toBeVisible();
  await page.getByRole("button", { name: "Add audience", exact: true }).click();
  const addAudience = page.getByRole("dialog", { name: "Add audience" });
  await addAudience.getByLabel("Audience").fill("mobile-app");
  await addAudience.getByRole("button", { name: "Add audience" }).click();
  await expect(addAudience).toBeHidden();
  await expect(audiences.getByRole("row").filter({ hasText: "mobile-app" })).toBeVisible();
  await page.getByRole("radio", { name: "Select web-app" }).check();
  await page.getByRole("button", { name: "Remove audience" }).click();
  await page.getByRole("dialog", { name: "Remove audience" }).getByRole("button", { name: "Remove" }).click();
  await expect(audiences.getByRole("row").filter({ hasText: "web-app" })).toHaveCount(0);
  await page.reload();
  await expect(audiences.getByRole("row").filter({ hasText: "mobile-app" })).toBeVisible();
  await expect(audiences.getByRole("row").filter({ hasText: "web-app" })).toHaveCount(0);

  // Listed with its ARN.
  await page.getByRole("link", { name: "Identity providers", exact: true }).first().click();
  await expect(page.getByRole("table", { name: "Identity providers" }).getByRole("row").filter({ hasText: name })).toContainText(arn);

  // A role trusts its users: the picker writes the web identity trust policy for the provider's audience.
  await page.goto("/iam/roles/create");
  await page.getByRole("radio", { name: /^Web identity/ }).check();
  await page.getByLabel("Identity provider", { exact: true }).selectOption({ label: name });
  await expect(page.getByLabel("Audience", { exact: true })).toHaveValue("mobile-app");
  const trustPolicy = page.getByRole("textbox", { name: "Trust policy" });
  await expect(trustPolicy).toContainText(`"Federated": "${arn}"`);
  await expect(trustPolicy).toContainText('"Action": "sts:AssumeRoleWithWebIdentity"');
  await expect(trustPolicy).toContainText(`"${name}:aud": "mobile-app"`);
  await page.getByLabel("Role name").fill("partner-web-role");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("heading", { name: "partner-web-role", exact: true })).toBeVisible();

  // An identity pool trusts it.
  await page.goto("/cognito/identity-pools/create");
  await page.getByLabel("Identity pool name").fill("partners");
  await page.getByRole("checkbox", { name, exact: true }).check();
  await page.getByRole("button", { name: "Create identity pool" }).click();
  await expect(page.getByRole("heading", { name: "partners", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "OpenID Connect providers" })).toHaveText(arn);

  // Deleting asks for its name.
  await page.goto("/iam/identity-providers");
  await page.getByRole("radio", { name: `Select ${name}` }).check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete identity provider" });
  await confirm.getByLabel(/To confirm/).fill(name);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No identity providers", { exact: true })).toBeVisible();
});
