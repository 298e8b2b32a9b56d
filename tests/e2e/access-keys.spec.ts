import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { expect, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

function sts(accessKeyId: string, secretAccessKey: string) {
  return new STSClient({ endpoint: GATEWAY_URL, region: "us-east-1", credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

test("create an access key, use it from the SDK, see it in the audit log, then retire it", async ({ page, owner }) => {
  await page.goto("/access-keys");
  await expect(page.getByText("No access keys")).toBeVisible();
  await page.getByRole("button", { name: "Create access key" }).click();

  const dialog = page.getByRole("dialog", { name: "Access key created" });
  const accessKeyId = await dialog.getByRole("textbox", { name: "Access key ID" }).inputValue();
  const secretAccessKey = await dialog.getByRole("textbox", { name: "Secret access key" }).inputValue();
  expect(accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
  expect(secretAccessKey).toHaveLength(40);
  await expect(dialog.getByText(`export AWS_ACCESS_KEY_ID=${accessKeyId}`)).toBeVisible();
  await expect(dialog.getByText(`export AWS_ENDPOINT_URL=${GATEWAY_URL}`)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const identity = await sts(accessKeyId, secretAccessKey).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(owner.accountId);
  expect(identity.Arn).toContain(owner.email);

  const row = page.getByRole("row", { name: new RegExp(accessKeyId) });
  await expect(row).toContainText("Active");

  // Creating the key is audited; GetCallerIdentity only reads, so it is not.
  await page.getByRole("link", { name: "Audit log" }).click();
  const events = page.getByRole("table", { name: "Events" });
  await expect(events.getByRole("row", { name: /iam:CreateAccessKey/ })).toContainText(owner.email);
  await expect(events).not.toContainText("GetCallerIdentity");
  await page.getByLabel("Action").fill("organizations:CreateAccount");
  await page.getByLabel("Action").press("Enter");
  await expect(events.getByRole("row")).toHaveCount(2);
  await expect(events).not.toContainText("iam:CreateAccessKey");

  // A deactivated key stops working; a deleted key is gone.
  await page.goto("/access-keys");
  await page.getByRole("button", { name: `Deactivate ${accessKeyId}` }).click();
  await expect(row).toContainText("Inactive");
  // The gateway caches key lookups for a few seconds, so the change lands shortly, not instantly.
  const callerIdentityOutcome = () =>
    sts(accessKeyId, secretAccessKey)
      .send(new GetCallerIdentityCommand({}))
      .then(
        () => "accepted",
        (error: Error) => error.name,
      );
  await expect.poll(callerIdentityOutcome, { timeout: 15_000 }).toBe("InvalidClientTokenId");

  await page.getByRole("button", { name: `Delete ${accessKeyId}` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete access key" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No access keys")).toBeVisible();

  await page.goto("/audit");
  await expect(page.getByRole("table", { name: "Events" }).getByRole("row", { name: /iam:DeleteAccessKey/ })).toBeVisible();
});
