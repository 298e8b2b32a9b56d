import { consoleApi, expect, lambdaRole, test } from "./fixtures";

test("user pool Lambda triggers: add a pre sign-up trigger picking a team function, follow it to Lambda, remove it", async ({ page, context, owner }) => {
  const api = consoleApi(context);
  await api.lambda.createFunction.mutate({
    FunctionName: "check-sign-up",
    Runtime: "nodejs20.x",
    Handler: "index.handler",
    Role: await lambdaRole(context, owner.accountId),
    Code: { InlineFiles: [{ path: "index.mjs", content: "export const handler = async (event) => event;\n" }] },
  });
  const { UserPool } = await api.cognito.createUserPool.mutate({ PoolName: "members", DeletionProtection: "ACTIVE" });

  await page.goto(`/cognito/${UserPool.Id}?tab=extensions`);
  const triggers = page.getByRole("table", { name: "Lambda triggers" });
  await expect(page.getByText("No Lambda triggers")).toBeVisible();

  await page.getByRole("button", { name: "Add Lambda trigger" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Lambda trigger" });
  // A function must be chosen first.
  await dialog.getByRole("button", { name: "Add Lambda trigger" }).click();
  await expect(dialog.getByText("Choose a Lambda function.")).toBeVisible();
  // Each category offers its own trigger types.
  await dialog.getByRole("radio", { name: "Custom authentication" }).check();
  await expect(dialog.getByRole("radio", { name: "Define auth challenge" })).toBeChecked();
  await dialog.getByRole("radio", { name: /^Sign-up/ }).check();
  await expect(dialog.getByRole("radio", { name: "Pre sign-up" })).toBeChecked();
  await dialog.getByLabel("Lambda function").selectOption({ label: "check-sign-up" });
  await dialog.getByRole("button", { name: "Add Lambda trigger" }).click();
  await expect(dialog).toBeHidden();

  const row = triggers.getByRole("row", { name: /Pre sign-up/ });
  await expect(row).toContainText("Sign-up");
  await expect(row.getByRole("link", { name: "check-sign-up" })).toHaveAttribute("href", "/lambda/functions/check-sign-up");
  // The pool's other settings survived the update (UpdateUserPool resets what it isn't sent).
  const described = await api.cognito.describeUserPool.query({ UserPoolId: UserPool.Id });
  expect(described.UserPool.LambdaConfig).toEqual({ PreSignUp: `arn:aws:lambda:us-east-1:${owner.accountId}:function:check-sign-up` });
  expect(described.UserPool.DeletionProtection).toBe("ACTIVE");

  // The link leads to the function in the Lambda console.
  await row.getByRole("link", { name: "check-sign-up" }).click();
  await expect(page.getByRole("heading", { name: "check-sign-up", exact: true })).toBeVisible();
  await page.goBack();

  await row.getByRole("button", { name: "Remove pre sign-up trigger" }).click();
  const remove = page.getByRole("dialog", { name: "Remove Lambda trigger" });
  await expect(remove).toContainText("check-sign-up");
  await remove.getByRole("button", { name: "Remove" }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText("No Lambda triggers")).toBeVisible();
  const after = await api.cognito.describeUserPool.query({ UserPoolId: UserPool.Id });
  expect(after.UserPool.LambdaConfig).toEqual({});
});

test("app client with the hosted UI: the page previews the sign-in form in a frame; without the hosted UI there is none", async ({ page, context, owner: _owner }) => {
  const api = consoleApi(context);
  const { UserPool } = await api.cognito.createUserPool.mutate({ PoolName: "preview", UsernameAttributes: ["email"] });
  const { UserPoolClient: hosted } = await api.cognito.createUserPoolClient.mutate({
    UserPoolId: UserPool.Id,
    ClientName: "web",
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ["code"],
    AllowedOAuthScopes: ["openid", "email"],
    CallbackURLs: ["http://localhost:3100/callback"],
    SupportedIdentityProviders: ["COGNITO"],
  });
  const { UserPoolClient: plain } = await api.cognito.createUserPoolClient.mutate({ UserPoolId: UserPool.Id, ClientName: "backend" });

  await page.goto(`/cognito/${UserPool.Id}/clients/${hosted.ClientId}`);
  const preview = page.frameLocator('iframe[title="Hosted UI sign-in page preview"]');
  await expect(preview.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await expect(preview.getByLabel("Email")).toBeVisible();
  await expect(preview.getByLabel("Password")).toBeVisible();
  await expect(preview.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto(`/cognito/${UserPool.Id}/clients/${plain.ClientId}`);
  await expect(page.getByText("The hosted UI is off for this app client.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign-in page preview" })).toHaveCount(0);
});
