import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "@playwright/test";
import { consoleApi, expect, lambdaRole, test } from "./fixtures";
import { GATEWAY_URL } from "./urls";

/** A proxy integration's function: it answers with the status code, headers and body to send back. */
const HELLO_FUNCTION = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ message: "hello from lambda", path: event.path, method: event.httpMethod }),
});
`;

/** A TOKEN authorizer's function: "allow" may call the method, "deny" is refused by policy, anything else is unauthorized. */
const TOKEN_AUTHORIZER_FUNCTION = `export const handler = async (event) => {
  if (event.authorizationToken !== "allow" && event.authorizationToken !== "deny") throw new Error("Unauthorized");
  const Effect = event.authorizationToken === "allow" ? "Allow" : "Deny";
  return { principalId: "e2e-user", policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect, Resource: event.methodArn }] } };
};
`;

type ConsoleApi = ReturnType<typeof consoleApi>;

async function createFunction(context: BrowserContext, accountId: string, name: string, code: string): Promise<void> {
  await consoleApi(context).lambda.createFunction.mutate({
    FunctionName: name,
    Runtime: "nodejs20.x",
    Handler: "index.handler",
    Role: await lambdaRole(context, accountId),
    Code: { InlineFiles: [{ path: "index.mjs", content: code }] },
  });
}

/** A GET mock method made with the API, as the console makes them, whose 200 response body is `template`. */
async function putMockGet(api: ConsoleApi, restApiId: string, resourceId: string, template: string, options: { apiKeyRequired?: boolean } = {}): Promise<void> {
  const target = { restApiId, resourceId, httpMethod: "GET" };
  await api.apigateway.putMethod.mutate({ ...target, authorizationType: "NONE", ...options });
  await api.apigateway.putIntegration.mutate({ ...target, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  await api.apigateway.putMethodResponse.mutate({ ...target, statusCode: "200" });
  await api.apigateway.putIntegrationResponse.mutate({ ...target, statusCode: "200", responseTemplates: { "application/json": template } });
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
  await createFunction(context, owner.accountId, "hello-fn", HELLO_FUNCTION);

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

test("the Test tab runs a mock method before any deployment, with path, query, headers, stage variables and body", async ({ page, context, owner: _owner }) => {
  test.setTimeout(90_000);
  const api = consoleApi(context);
  const { id: restApiId, rootResourceId } = await api.apigateway.createRestApi.mutate({ name: "shop-api" });
  const pets = await api.apigateway.createResource.mutate({ restApiId, parentId: rootResourceId, pathPart: "pets" });
  const pet = await api.apigateway.createResource.mutate({ restApiId, parentId: pets.id, pathPart: "{petId}" });
  await putMockGet(api, restApiId, pet.id, `{"id": "$input.params('petId')", "kind": "$input.params('kind')", "trace": "$input.params('X-Trace')", "color": "$stageVariables.color"}`);

  await page.goto(`/apigateway/apis/${restApiId}`);
  await page.getByRole("list", { name: "Resource tree" }).getByRole("button", { name: "GET /pets/{petId}" }).click();
  await page.getByRole("tab", { name: "Test" }).click();
  const form = page.getByRole("region", { name: "Test method" });
  const runTest = form.getByRole("button", { name: "Test", exact: true });

  // Every path parameter needs a value before anything is sent.
  await runTest.click();
  await expect(form.getByText("Enter a value for petId.")).toBeVisible();
  await form.getByLabel("{petId}").fill("42");
  await form.getByLabel("Query strings").fill("kind=cat");
  await form.getByLabel("Headers").fill("X-Trace:abc-123");
  await form.getByLabel("Stage variables").fill("color");
  await runTest.click();
  await expect(form.getByText("Line 1 isn't a variable: write name=value.")).toBeVisible();
  await form.getByLabel("Stage variables").fill("color=blue");
  await typeInEditor(page, "Request body", '{"hello": "world"}');
  await runTest.click();

  const result = page.getByRole("region", { name: "Test result" });
  await expect(result).toContainText(/Request\s*GET \/pets\/42\?kind=cat/);
  await expect(result).toContainText(/Status\s*200/);
  await expect(result).toContainText(/Latency\s*\d+ ms/);
  // The mapped body, pretty-printed.
  await expect(result.getByRole("group", { name: "Response body" })).toContainText('{\n  "id": "42",\n  "kind": "cat",\n  "trace": "abc-123",\n  "color": "blue"\n}');
  await expect(result.getByRole("group", { name: "Response headers" })).toContainText("Content-Type: application/json");
  const log = result.getByRole("group", { name: "Logs" });
  await expect(log).toContainText("HTTP Method: GET, Resource Path: /pets/{petId}");
  await expect(log).toContainText('Method request body before transformations: {"hello": "world"}');
  await expect(log).toContainText("Method completed with status: 200");

  // The request and its result survive a look at another tab; the API still has no stages.
  await page.getByRole("tab", { name: "Method request" }).click();
  await page.getByRole("tab", { name: "Test" }).click();
  await expect(form.getByLabel("{petId}")).toHaveValue("42");
  await expect(result).toContainText(/Status\s*200/);
  expect((await api.apigateway.getStages.query({ restApiId })).item).toEqual([]);
});

test("a Lambda TOKEN authorizer created, edited and attached to a method, then enforced at the deployed URL", async ({ page, context, owner }) => {
  test.setTimeout(120_000);
  await createFunction(context, owner.accountId, "token-auth-fn", TOKEN_AUTHORIZER_FUNCTION);
  const api = consoleApi(context);
  const { id: restApiId, rootResourceId } = await api.apigateway.createRestApi.mutate({ name: "secure-api" });
  const secret = await api.apigateway.createResource.mutate({ restApiId, parentId: rootResourceId, pathPart: "secret" });
  await putMockGet(api, restApiId, secret.id, '{"secret": "42", "principal": "$context.authorizer.principalId"}');

  // The tab is in the address.
  await page.goto(`/apigateway/apis/${restApiId}?tab=authorizers`);
  await expect(page.getByRole("tab", { name: "Authorizers" })).toHaveAttribute("aria-selected", "true");
  const authorizers = page.getByRole("region", { name: "Authorizers" });
  await expect(authorizers.getByText("No authorizers", { exact: true })).toBeVisible();
  await authorizers.getByRole("button", { name: "Create authorizer" }).click();
  const create = page.getByRole("dialog", { name: "Create authorizer" });
  await create.getByRole("button", { name: "Create authorizer" }).click();
  await expect(create.getByText("Enter a name for the authorizer.")).toBeVisible();
  await expect(create.getByText("Choose a Lambda function.")).toBeVisible();
  await create.getByLabel("Authorizer name").fill("token-auth");
  await expect(create.getByRole("radio", { name: /^Lambda/ })).toBeChecked();
  await create.getByLabel("Lambda function", { exact: true }).selectOption({ label: "token-auth-fn" });
  await expect(create.getByRole("radio", { name: /^Token/ })).toBeChecked();
  await expect(create.getByLabel("Token source")).toHaveValue("Authorization");
  await create.getByLabel("Token validation - optional").fill("allow|deny|other");
  await expect(create.getByLabel("Authorization caching TTL (seconds)")).toHaveValue("300");
  await create.getByLabel("Authorization caching TTL (seconds)").fill("7200");
  await create.getByRole("button", { name: "Create authorizer" }).click();
  await expect(create.getByText("Enter a whole number of seconds from 0 to 3600.")).toBeVisible();
  await create.getByLabel("Authorization caching TTL (seconds)").fill("300");
  await create.getByRole("button", { name: "Create authorizer" }).click();
  await expect(page.getByText("Authorizer token-auth was created.")).toBeVisible();
  const table = authorizers.getByRole("table", { name: "Authorizers" });
  await expect(table).toContainText(/token-auth\s*Lambda \(token\)\s*token-auth-fn\s*method\.request\.header\.Authorization\s*300 seconds/);

  // Caching off, so each call below asks the function (UpdateAuthorizer).
  await authorizers.getByRole("button", { name: "Edit authorizer token-auth" }).click();
  const edit = page.getByRole("dialog", { name: "Edit authorizer token-auth" });
  await expect(edit.getByLabel("Lambda function", { exact: true })).toHaveValue(`arn:aws:lambda:us-east-1:${owner.accountId}:function:token-auth-fn`);
  await expect(edit.getByLabel("Token validation - optional")).toHaveValue("allow|deny|other");
  await edit.getByLabel("Authorization caching TTL (seconds)").fill("0");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Authorizer token-auth was saved.")).toBeVisible();
  await expect(table).toContainText(/token-auth\s*Lambda \(token\).*Off/);

  // The method's request settings choose it.
  await page.getByRole("tab", { name: "Resources" }).click();
  await page.getByRole("list", { name: "Resource tree" }).getByRole("button", { name: "GET /secret" }).click();
  const settings = page.getByRole("region", { name: "Method request settings" });
  await expect(settings).toContainText(/Authorization\s*None/);
  await settings.getByRole("button", { name: "Edit" }).click();
  const editMethod = page.getByRole("dialog", { name: "Edit method request settings" });
  await editMethod.getByLabel("Authorization").selectOption({ label: "token-auth" });
  await editMethod.getByRole("button", { name: "Save" }).click();
  await expect(editMethod).toBeHidden();
  await expect(settings).toContainText(/Authorization\s*Lambda authorizer/);
  await expect(settings).toContainText(/Authorizer\s*token-auth/);

  await deployToNewStage(page, "prod");
  const url = `${await shownInvokeUrl(page, restApiId, "prod")}secret`;
  expect((await page.request.get(url)).status()).toBe(401);
  // Refused by the validation expression without calling the function, and by the function itself.
  expect((await page.request.get(url, { headers: { Authorization: "bogus" } })).status()).toBe(401);
  expect((await page.request.get(url, { headers: { Authorization: "other" } })).status()).toBe(401);
  expect((await page.request.get(url, { headers: { Authorization: "deny" } })).status()).toBe(403);
  const allowed = await page.request.get(url, { headers: { Authorization: "allow" } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toEqual({ secret: "42", principal: "e2e-user" });

  // A method still uses it: the server's reason shows in the dialog.
  await page.getByRole("tab", { name: "Authorizers" }).click();
  await authorizers.getByRole("button", { name: "Delete authorizer token-auth" }).click();
  const remove = page.getByRole("dialog", { name: "Delete authorizer" });
  await remove.getByRole("button", { name: "Delete" }).click();
  await expect(remove.getByRole("alert")).toContainText("Cannot delete authorizer 'token-auth', is referenced in method: GET/secret");
  await remove.getByRole("button", { name: "Cancel" }).click();
  await expect(table).toContainText("token-auth");
});

test("API keys and a usage plan: keys created, shown, disabled and deleted; a plan with throttle and quota opens a stage to a key", async ({ page, context, owner: _owner }) => {
  test.setTimeout(150_000);
  const api = consoleApi(context);
  const { id: restApiId, rootResourceId } = await api.apigateway.createRestApi.mutate({ name: "metered-api" });
  const items = await api.apigateway.createResource.mutate({ restApiId, parentId: rootResourceId, pathPart: "items" });
  await putMockGet(api, restApiId, items.id, '{"items": []}', { apiKeyRequired: true });
  await api.apigateway.createDeployment.mutate({ restApiId, stageName: "live" });
  const url = `${GATEWAY_URL}/restapis/${restApiId}/live/_user_request_/items`;

  await page.goto("/apigateway");
  const nav = page.getByRole("navigation", { name: "API Gateway" });
  await expect(nav.getByRole("link", { name: "APIs" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const keys = page.getByRole("region", { name: "API keys" });
  await expect(keys.getByText("No API keys", { exact: true })).toBeVisible();

  // A generated key, enabled from the start; its value shows only when asked for.
  await keys.getByRole("button", { name: "Create API key" }).click();
  const createKey = page.getByRole("dialog", { name: "Create API key" });
  await createKey.getByLabel("Name").fill("partner-key");
  await expect(createKey.getByRole("radio", { name: /^Auto generate/ })).toBeChecked();
  await createKey.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByText("API key partner-key was created.")).toBeVisible();
  const partner = keys.getByRole("row", { name: /partner-key/ });
  await expect(partner).toContainText("Enabled");
  const [{ value: partnerValue = "" } = {}] = (await api.apigateway.getApiKeys.query({ nameQuery: "partner-key", includeValues: true })).item;
  expect(partnerValue).toMatch(/^[A-Za-z0-9]{40}$/);
  await expect(partner).not.toContainText(partnerValue);
  await partner.getByRole("button", { name: "Show API key partner-key" }).click();
  await expect(partner).toContainText(partnerValue);

  // A custom value, checked for length, then the key disabled and deleted.
  await keys.getByRole("button", { name: "Create API key" }).click();
  await createKey.getByLabel("Name").fill("custom-key");
  await createKey.getByRole("radio", { name: /^Custom/ }).check();
  await createKey.getByLabel("API key value").fill("too-short");
  await createKey.getByRole("button", { name: "Create API key" }).click();
  await expect(createKey.getByText("Enter a value of at least 20 characters.")).toBeVisible();
  await createKey.getByLabel("API key value").fill("custom-value-0123456789");
  await createKey.getByRole("button", { name: "Create API key" }).click();
  const custom = keys.getByRole("row", { name: /custom-key/ });
  await custom.getByRole("button", { name: "Show API key custom-key" }).click();
  await expect(custom).toContainText("custom-value-0123456789");
  await custom.getByRole("button", { name: "Disable API key custom-key" }).click();
  await expect(custom).toContainText("Disabled");
  await custom.getByRole("button", { name: "Delete API key custom-key" }).click();
  await page.getByRole("dialog", { name: "Delete API key" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("API key custom-key was deleted.")).toBeVisible();
  await expect(custom).toBeHidden();

  // Without a plan, the key opens nothing.
  expect((await page.request.get(url)).status()).toBe(403);

  await nav.getByRole("link", { name: "Usage plans" }).click();
  await expect(page.getByRole("heading", { name: "Usage plans", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create usage plan" }).click();
  const createPlan = page.getByRole("dialog", { name: "Create usage plan" });
  await createPlan.getByLabel("Name").fill("gold");
  await expect(createPlan.getByLabel("Enable throttling")).toBeChecked();
  await createPlan.getByLabel("Rate").fill("5");
  await createPlan.getByLabel("Burst").fill("10");
  await createPlan.getByLabel("Requests", { exact: true }).fill("1000");
  await createPlan.getByLabel("Period").selectOption({ label: "Per day" });
  await createPlan.getByRole("button", { name: "Create usage plan" }).click();
  await expect(page.getByRole("heading", { name: "gold", level: 1 })).toBeVisible();
  await expect(page.getByText("The usage plan was created.", { exact: false })).toBeVisible();
  const details = page.getByRole("region", { name: "Usage plan details" });
  await expect(details).toContainText(/Throttling\s*5 requests per second, burst 10/);
  await expect(details).toContainText(/Quota\s*1,000 requests per day/);

  const stages = page.getByRole("region", { name: "API stages" });
  await stages.getByRole("button", { name: "Add API stage" }).click();
  const addStage = page.getByRole("dialog", { name: "Add API stage" });
  await addStage.getByLabel("API", { exact: true }).selectOption({ label: `metered-api (${restApiId})` });
  await addStage.getByLabel("Stage").selectOption("live");
  await addStage.getByRole("button", { name: "Add" }).click();
  await expect(stages.getByRole("table")).toContainText(/metered-api.*live/);

  const planKeys = page.getByRole("region", { name: "API keys" });
  await planKeys.getByRole("button", { name: "Add API key" }).click();
  const addKey = page.getByRole("dialog", { name: "Add API key" });
  await addKey.getByLabel("API key").selectOption({ label: "partner-key" });
  await addKey.getByRole("button", { name: "Add" }).click();
  await expect(planKeys.getByRole("table")).toContainText("partner-key");

  // The stage answers the plan's key (the gateway reads keys again within a few seconds), and nothing else.
  await expect.poll(async () => (await page.request.get(url, { headers: { "x-api-key": partnerValue } })).status(), { timeout: 20_000 }).toBe(200);
  expect((await page.request.get(url)).status()).toBe(403);

  // A plan with stages can't be deleted; without them it can.
  await page.getByRole("button", { name: "Delete usage plan" }).click();
  const deletePlan = page.getByRole("dialog", { name: "Delete usage plan" });
  await deletePlan.getByLabel("To confirm, type “confirm” in the field.").fill("confirm");
  await deletePlan.getByRole("button", { name: "Delete" }).click();
  await expect(deletePlan.getByRole("alert")).toContainText("because there are API Stages associated with it");
  await deletePlan.getByRole("button", { name: "Cancel" }).click();
  await stages.getByRole("button", { name: "Remove API stage metered-api live" }).click();
  await page.getByRole("dialog", { name: "Remove API stage" }).getByRole("button", { name: "Remove" }).click();
  await expect(stages.getByText("No API stages", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Delete usage plan" }).click();
  await deletePlan.getByLabel("To confirm, type “confirm” in the field.").fill("confirm");
  await deletePlan.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/apigateway\/usage-plans$/);
  await expect(page.getByText("No usage plans", { exact: true })).toBeVisible();
});

test("method throttling on a usage plan's API stage: throttles added, enforced, changed and removed in the console, kept in the plan", async ({ page, context, owner: _owner }) => {
  test.setTimeout(120_000);
  const api = consoleApi(context);
  const { id: restApiId, rootResourceId } = await api.apigateway.createRestApi.mutate({ name: "throttled-api" });
  const items = await api.apigateway.createResource.mutate({ restApiId, parentId: rootResourceId, pathPart: "items" });
  await putMockGet(api, restApiId, rootResourceId, '{"at": "root"}', { apiKeyRequired: true });
  await putMockGet(api, restApiId, items.id, '{"items": []}', { apiKeyRequired: true });
  await api.apigateway.createDeployment.mutate({ restApiId, stageName: "live" });
  const keyValue = `throttle-key-${Date.now()}-0123456789`;
  const key = await api.apigateway.createApiKey.mutate({ name: "throttle-key", enabled: true, value: keyValue });
  const plan = await api.apigateway.createUsagePlan.mutate({ name: "silver", apiStages: [{ apiId: restApiId, stage: "live" }], throttle: { rateLimit: 100, burstLimit: 200 } });
  await api.apigateway.createUsagePlanKey.mutate({ usagePlanId: plan.id, keyId: key.id, keyType: "API_KEY" });
  const call = async (path: string) => (await page.request.get(`${GATEWAY_URL}/restapis/${restApiId}/live/_user_request_${path}`, { headers: { "x-api-key": keyValue } })).status();
  const storedThrottles = async () => (await api.apigateway.getUsagePlan.query({ usagePlanId: plan.id })).apiStages[0]?.throttle;

  await page.goto(`/apigateway/usage-plans/${plan.id}`);
  const stages = page.getByRole("region", { name: "API stages" });
  const row = stages.getByRole("row", { name: /throttled-api/ });
  await expect(stages.getByRole("columnheader", { name: "Method throttling" })).toBeVisible();
  await expect(row).toContainText("None");

  // Two methods: /items shut (rate and burst 0), the root at its own pace; numbers are checked as AWS types them.
  await row.getByRole("button", { name: "Configure method throttling for throttled-api live" }).click();
  const modal = page.getByRole("dialog", { name: "Configure method throttling" });
  await expect(modal.getByText("No method has a throttle of its own.")).toBeVisible();
  await modal.getByRole("button", { name: "Add method" }).click();
  await modal.getByRole("button", { name: "Save" }).click();
  const first = modal.getByRole("group", { name: "Method throttle 1" });
  await expect(first.getByText("Choose a resource.")).toBeVisible();
  await expect(first.getByText("Choose a method.")).toBeVisible();
  await first.getByLabel("Resource").selectOption("/items");
  await first.getByLabel("Method", { exact: true }).selectOption("GET");
  await first.getByLabel("Rate").fill("-1");
  await first.getByLabel("Burst").fill("1.5");
  await expect(first.getByText("Enter a number of requests per second.")).toBeVisible();
  await expect(first.getByText("Enter a whole number of requests.")).toBeVisible();
  await first.getByLabel("Rate").fill("0");
  await first.getByLabel("Burst").fill("0");
  await modal.getByRole("button", { name: "Add method" }).click();
  const second = modal.getByRole("group", { name: "Method throttle 2" });
  await second.getByLabel("Resource").selectOption("/items");
  await second.getByLabel("Method", { exact: true }).selectOption("GET");
  await second.getByLabel("Rate").fill("2.5");
  await second.getByLabel("Burst").fill("4");
  await expect(second.getByText("GET /items is listed twice.")).toBeVisible();
  await second.getByLabel("Resource").selectOption("/");
  await second.getByLabel("Method", { exact: true }).selectOption("GET");
  await modal.getByRole("button", { name: "Save" }).click();
  await expect(modal).toBeHidden();
  await expect(row).toContainText("2 methods");
  expect(await storedThrottles()).toEqual({ "/items/GET": { rateLimit: 0, burstLimit: 0 }, "//GET": { rateLimit: 2.5, burstLimit: 4 } });

  // The gateway holds the key to each method's throttle (it reads plans again within a few seconds).
  await expect.poll(() => call("/items"), { timeout: 20_000 }).toBe(429);
  expect(await call("/")).toBe(200);

  // Kept across a reload; the rate of one changed and the other removed.
  await page.reload();
  await expect(row).toContainText("2 methods");
  await row.getByRole("button", { name: "Configure method throttling for throttled-api live" }).click();
  await expect(modal.getByRole("group", { name: "Method throttle 1" }).getByLabel("Resource")).toHaveValue("/");
  await expect(modal.getByRole("group", { name: "Method throttle 1" }).getByLabel("Rate")).toHaveValue("2.5");
  await expect(modal.getByRole("group", { name: "Method throttle 2" }).getByLabel("Resource")).toHaveValue("/items");
  await expect(modal.getByRole("group", { name: "Method throttle 2" }).getByLabel("Burst")).toHaveValue("0");
  await modal.getByRole("group", { name: "Method throttle 1" }).getByLabel("Rate").fill("10");
  await modal.getByRole("button", { name: "Remove method throttle 2" }).click();
  await modal.getByRole("button", { name: "Save" }).click();
  await expect(modal).toBeHidden();
  await expect(row).toContainText("1 method");
  expect(await storedThrottles()).toEqual({ "//GET": { rateLimit: 10, burstLimit: 4 } });
  await expect.poll(() => call("/items"), { timeout: 20_000 }).toBe(200);

  // The last one removed: the stage has no method throttles left.
  await row.getByRole("button", { name: "Configure method throttling for throttled-api live" }).click();
  await modal.getByRole("button", { name: "Remove method throttle 1" }).click();
  await expect(modal.getByText("No method has a throttle of its own.")).toBeVisible();
  await modal.getByRole("button", { name: "Save" }).click();
  await expect(modal).toBeHidden();
  await expect(row).toContainText("None");
  await page.reload();
  await expect(row).toContainText("None");
  expect(await storedThrottles()).toBeUndefined();
});

test("an API imported from an OpenAPI file, CORS enabled on a resource, deployed, called, and exported again", async ({ page, owner: _owner }) => {
  test.setTimeout(120_000);
  const definition = {
    openapi: "3.0.1",
    info: { title: "imported-pets", version: "1.0" },
    paths: {
      "/ping": {
        get: {
          responses: { "200": { description: "pong" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"pong": true}' } } },
          },
        },
      },
    },
  };
  await page.goto("/apigateway");
  await page.getByRole("link", { name: "Import API" }).click();
  const form = page.getByRole("form", { name: "Import REST API" });
  await form.getByLabel("Definition file").setInputFiles({ name: "pets.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(definition)) });
  await expect(form.getByRole("textbox", { name: "Definition" })).toContainText('"imported-pets"');
  await form.getByRole("button", { name: "Import API" }).click();
  await expect(page.getByRole("heading", { name: "imported-pets" })).toBeVisible();
  const restApiId = /\/apigateway\/apis\/([a-z0-9]+)/.exec(page.url())![1]!;
  await page.getByRole("list", { name: "Resource tree" }).getByRole("button", { name: "/ping", exact: true }).click();
  await page.getByRole("button", { name: "Enable CORS" }).click();
  const cors = page.getByRole("dialog", { name: "Enable CORS on /ping" });
  await expect(cors.getByRole("checkbox", { name: "GET" })).toBeChecked();
  await cors.getByLabel("Access-Control-Allow-Origin").fill("https://app.example");
  await cors.getByRole("button", { name: "Enable CORS" }).click();
  await expect(page.getByRole("list", { name: "Resource tree" }).getByRole("button", { name: "OPTIONS /ping" })).toBeVisible();

  await deployToNewStage(page, "v1");
  const url = await shownInvokeUrl(page, restApiId, "v1");
  const response = await page.request.get(`${url}ping`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ pong: true });
  const preflight = await page.request.fetch(`${url}ping`, { method: "OPTIONS" });
  expect(preflight.headers()["access-control-allow-origin"]).toBe("https://app.example");
  expect(preflight.headers()["access-control-allow-methods"]).toBe("GET,OPTIONS");

  await page.getByRole("region", { name: "Stage details" }).getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: "Export stage v1" });
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export" }).click();
  const download = await downloading;
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { "x-amazon-apigateway-integration"?: { type: string } }>> };
  expect(exported.openapi).toMatch(/^3\.0/);
  expect(exported.info.title).toBe("imported-pets");
  expect(exported.paths["/ping"]?.get?.["x-amazon-apigateway-integration"]?.type).toBe("mock");
});
