import type { BrowserContext, Page } from "@playwright/test";
import { consoleApi, expect, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

/** A proxy integration's function: it answers with the status code, headers and body to send back. */
const HELLO_FUNCTION = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ message: "hello from lambda", path: event.path, method: event.httpMethod }),
});
`;

async function createHelloFunction(context: BrowserContext, accountId: string, name: string): Promise<void> {
  await consoleApi(context).lambda.createFunction.mutate({
    FunctionName: name,
    Runtime: "nodejs20.x",
    Handler: "index.handler",
    Role: `arn:aws:iam::${accountId}:role/lambda-role`,
    Code: { InlineFiles: [{ path: "index.mjs", content: HELLO_FUNCTION }] },
  });
}

/** Replaces the text of a CodeMirror editor by typing, as a person would. */
async function typeInEditor(page: Page, label: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Deploys the open API with the Deploy API dialog, to a new stage; the page then shows that stage. */
async function deployToNewStage(page: Page, stageName: string): Promise<void> {
  await page.getByRole("button", { name: "Deploy API" }).click();
  const deploy = page.getByRole("dialog", { name: "Deploy API" });
  await expect(deploy.getByLabel("Stage", { exact: true })).toHaveValue("*new stage*");
  await deploy.getByLabel("Stage name").fill(stageName);
  await deploy.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText(`The API was deployed to stage ${stageName}.`)).toBeVisible();
  await expect(page.getByRole("tab", { name: "Stages" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("list", { name: "Stages" }).getByRole("button", { name: stageName, exact: true })).toHaveAttribute("aria-current", "true");
}

/** The invoke URL the stage page shows (and can copy). */
async function shownInvokeUrl(page: Page, restApiId: string, stageName: string): Promise<string> {
  const url = `${GATEWAY_URL}/restapis/${restApiId}/${stageName}/_user_request_/`;
  await expect(page.getByRole("region", { name: "Stage details" }).getByText(url, { exact: true })).toBeVisible();
  return url;
}

test("a hello API built in the console: a resource, a GET method with a Lambda proxy integration, deployed to dev and called", async ({ page, context, owner }) => {
  test.setTimeout(120_000);
  await createHelloFunction(context, owner.accountId, "hello-fn");

  await page.goto("/");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: /^API Gateway/ }).click();
  await expect(page).toHaveURL(/\/apigateway$/);
  await expect(page.getByText("No APIs", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create API", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Create REST API" })).toBeVisible();

  // Checked in the browser before anything is sent.
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByText("Enter a name for the API.")).toBeVisible();
  await page.getByLabel("API name").fill("hello-api");
  await page.getByLabel("Description - optional").fill("Says hello");
  await expect(page.getByRole("radio", { name: /^Regional/ })).toBeChecked();
  await page.getByRole("button", { name: "Create API" }).click();

  await expect(page.getByRole("heading", { name: "hello-api", exact: true })).toBeVisible();
  await expect(page.getByText("The API was created.", { exact: false })).toBeVisible();
  const restApiId = /\/apigateway\/apis\/([a-z0-9]{10})$/.exec(page.url())?.[1] ?? "";
  expect(restApiId).not.toBe("");
  await expect(page.getByRole("region", { name: "API details" })).toContainText(/API endpoint type\s*Regional/);
  const tree = page.getByRole("list", { name: "Resource tree" });
  await expect(tree.getByRole("button", { name: "/", exact: true })).toHaveAttribute("aria-current", "true");

  // A deployment needs methods: the server's reason shows in the dialog.
  await page.getByRole("button", { name: "Deploy API" }).click();
  const deploy = page.getByRole("dialog", { name: "Deploy API" });
  await deploy.getByLabel("Stage name").fill("dev");
  await deploy.getByRole("button", { name: "Deploy" }).click();
  await expect(deploy.getByRole("alert")).toHaveText("The REST API doesn't contain any methods");
  await deploy.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Create resource" }).click();
  const createResource = page.getByRole("dialog", { name: "Create resource" });
  // The new resource goes under the selected one.
  await expect(createResource.getByLabel("Resource path").locator("option:checked")).toHaveText("/");
  await createResource.getByLabel("Resource name").fill("hello");
  await createResource.getByRole("button", { name: "Create resource" }).click();
  await expect(page.getByText("Resource /hello was created.")).toBeVisible();
  await expect(tree.getByRole("button", { name: "/hello", exact: true })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("region", { name: "Resource details" })).toContainText(/Path\s*\/hello/);

  // GET with a Lambda proxy integration to the function, picked from the team's functions.
  await page.getByRole("button", { name: "Create method" }).click();
  const createMethod = page.getByRole("dialog", { name: "Create method on /hello" });
  await createMethod.getByLabel("Method type").selectOption("GET");
  await createMethod.getByRole("radio", { name: /^Lambda function/ }).check();
  await expect(createMethod.getByLabel("Lambda proxy integration")).toBeChecked();
  await createMethod.getByRole("button", { name: "Create method" }).click();
  await expect(createMethod.getByText("Choose a Lambda function.")).toBeVisible();
  await createMethod.getByLabel("Lambda function", { exact: true }).selectOption({ label: "hello-fn" });
  await createMethod.getByRole("button", { name: "Create method" }).click();
  await expect(page.getByText("Method GET on /hello was created.")).toBeVisible();
  await expect(tree.getByRole("button", { name: "GET /hello" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("region", { name: "/hello - GET - Method execution" })).toContainText(/Integration\s*Lambda proxy/);
  await page.getByRole("tab", { name: "Integration request" }).click();
  const integration = page.getByRole("region", { name: "Integration request settings" });
  await expect(integration).toContainText(/Integration type\s*Lambda proxy/);
  await expect(integration).toContainText(`arn:aws:lambda:us-east-1:${owner.accountId}:function:hello-fn`);
  await page.getByRole("tab", { name: "Method response" }).click();
  await expect(page.getByRole("table", { name: "Method responses" })).toContainText("application/json: Empty");

  await deployToNewStage(page, "dev");
  await expect(page).toHaveURL(new RegExp(`/apigateway/apis/${restApiId}\\?tab=stages&stage=dev$`));
  const url = await shownInvokeUrl(page, restApiId, "dev");

  // The deployed API answers at the invoke URL with the function's response.
  const response = await page.request.get(`${url}hello`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ message: "hello from lambda", path: "/hello", method: "GET" });
});

test("a mock method answering from its mapping template, with the stage's variables, settings and canary edited in the stage editor", async ({ page, context, owner: _owner }) => {
  test.setTimeout(120_000);
  const api = consoleApi(context);
  const { id: restApiId, rootResourceId } = await api.apigateway.createRestApi.mutate({ name: "pets-api" });
  await api.apigateway.createResource.mutate({ restApiId, parentId: rootResourceId, pathPart: "pets" });
  await page.goto(`/apigateway/apis/${restApiId}`);
  const tree = page.getByRole("list", { name: "Resource tree" });
  await tree.getByRole("button", { name: "/pets", exact: true }).click();

  await page.getByRole("button", { name: "Create method" }).click();
  const createMethod = page.getByRole("dialog", { name: "Create method on /pets" });
  await createMethod.getByLabel("Method type").selectOption("POST");
  await createMethod.getByRole("radio", { name: /^Mock/ }).check();
  await createMethod.getByRole("button", { name: "Create method" }).click();
  await expect(tree.getByRole("button", { name: "POST /pets" })).toHaveAttribute("aria-current", "true");

  // The mock's request template picks the status code; the response template writes the body.
  await page.getByRole("tab", { name: "Integration request" }).click();
  await expect(page.getByRole("table", { name: "Mapping templates" })).toContainText('{"statusCode": 200}');
  await page.getByRole("tab", { name: "Integration response" }).click();
  await expect(page.getByRole("table", { name: "Integration responses" })).toContainText(/200\s*Default\s*Passthrough/);
  const responseTemplates = page.getByRole("region", { name: "Mapping templates for 200" });
  await responseTemplates.getByRole("button", { name: "Add mapping template" }).click();
  const editor = page.getByRole("dialog", { name: "Add mapping template" });
  await expect(editor.getByLabel("Content type")).toHaveValue("application/json");
  await typeInEditor(page, "Template body", '{"greeting": "$stageVariables.greeting", "stage": "$context.stage"}');
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toBeHidden();
  await expect(responseTemplates.getByRole("table")).toContainText('{"greeting": "$stageVariables.greeting", "stage": "$context.stage"}');

  await deployToNewStage(page, "test");
  const url = await shownInvokeUrl(page, restApiId, "test");

  // Stage variables: added, then changed; the stage serves them without a new deployment.
  const variables = page.getByRole("region", { name: "Stage variables" });
  await variables.getByRole("button", { name: "Add stage variable" }).click();
  const addVariable = page.getByRole("dialog", { name: "Add stage variable" });
  await addVariable.getByLabel("Name").fill("greeting");
  await addVariable.getByLabel("Value").fill("hello");
  await addVariable.getByRole("button", { name: "Save" }).click();
  await expect(variables.getByRole("table")).toContainText(/greeting\s*hello/);
  const first = await page.request.post(`${url}pets`, { data: {} });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ greeting: "hello", stage: "test" });

  await variables.getByRole("button", { name: "Edit stage variable greeting" }).click();
  const editVariable = page.getByRole("dialog", { name: "Edit stage variable greeting" });
  await editVariable.getByLabel("Value").fill("hi");
  await editVariable.getByRole("button", { name: "Save" }).click();
  await expect(variables.getByRole("table")).toContainText(/greeting\s*hi/);
  await expect.poll(async () => (await page.request.post(`${url}pets`, { data: {} })).json()).toEqual({ greeting: "hi", stage: "test" });

  // Throttling, cache and logs in one edit; the page shows what the stage now has.
  const settings = page.getByRole("region", { name: "Stage settings" });
  await expect(settings).toContainText(/Rate limit\s*10,000 requests per second/);
  await settings.getByRole("button", { name: "Edit" }).click();
  const editStage = page.getByRole("dialog", { name: "Edit stage test" });
  await editStage.getByLabel("Rate").fill("100");
  await editStage.getByLabel("Burst").fill("50");
  await editStage.getByLabel("Default method-level caching").check();
  await editStage.getByLabel("Cache time-to-live (TTL)").fill("7200");
  await editStage.getByRole("button", { name: "Save" }).click();
  await expect(editStage.getByText("Enter a whole number of seconds from 0 to 3600.")).toBeVisible();
  await editStage.getByLabel("Cache time-to-live (TTL)").fill("60");
  await editStage.getByLabel("CloudWatch logs").selectOption({ label: "Errors only" });
  await editStage.getByLabel("X-Ray tracing").check();
  await editStage.getByRole("button", { name: "Save" }).click();
  await expect(editStage).toBeHidden();
  await expect(settings).toContainText(/Rate limit\s*100 requests per second/);
  await expect(settings).toContainText(/Burst limit\s*50 requests/);
  await expect(settings).toContainText(/Method cache\s*Enabled, 60 seconds TTL/);
  await expect(settings).toContainText(/CloudWatch logs\s*Errors only/);
  await expect(settings).toContainText(/X-Ray tracing\s*Enabled/);

  // A canary on the stage's own deployment, its share changed, then deleted.
  const canary = page.getByRole("region", { name: "Canary" });
  await canary.getByRole("button", { name: "Create canary" }).click();
  const createCanary = page.getByRole("dialog", { name: "Create canary" });
  await createCanary.getByLabel("Requests directed to the canary (%)").fill("12.5");
  await createCanary.getByRole("button", { name: "Save" }).click();
  await expect(canary).toContainText(/Requests directed to the canary\s*12\.5 %/);
  await canary.getByRole("button", { name: "Delete canary" }).click();
  await page.getByRole("dialog", { name: "Delete canary" }).getByRole("button", { name: "Delete" }).click();
  await expect(canary.getByText("No canary", { exact: true })).toBeVisible();

  await variables.getByRole("button", { name: "Remove stage variable greeting" }).click();
  await page.getByRole("dialog", { name: "Remove stage variable" }).getByRole("button", { name: "Remove" }).click();
  await expect(variables.getByText("No stage variables", { exact: true })).toBeVisible();

  // A reload opens the same tab and stage.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Stages" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("region", { name: "Stage details" })).toContainText(/Stage name\s*test/);
});
