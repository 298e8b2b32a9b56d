/**
 * Builds an imported definition into an API, inside the caller's transaction, through the builders and
 * checks of the single operations (insertResource, newMethod, newIntegration, authorizerOf, …). `merge`
 * adds the document's parts and replaces the API's parts of the same name (models, validators,
 * authorizers, gateway responses) or place (a path's method); `overwrite` first clears the API.
 */
import type { Db } from "../../../db/client";
import { authorizerOf, saveAuthorizer } from "../authorizers";
import { checkModel, saveModel } from "../api-models";
import { checkGatewayResponse, saveResponse } from "../gateway-responses";
import { shortId } from "../ids";
import { integrationResponseOf, newIntegration } from "../integrations";
import { checkModels, methodResponseOf, newMethod } from "../methods";
import { type Method, methodsOf, type ResourceRow, type RestApiRow } from "../model";
import { saveRequestValidator } from "../request-validators";
import { insertResource, resourcePaths } from "../resources";
import { apiResources } from "../store";
import type { ApiDefinition, OperationDefinition } from "./definition";
import { withModelUrls } from "./model-refs";
import type { ImportProblems } from "./problems";

export const IMPORT_MODES = ["merge", "overwrite"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Ids of what the import created or replaced, by the name the document gives it. */
type Ids = Map<string, string>;

/** Where the import writes, and where it records what it could not. */
interface Target {
  tx: Db;
  api: RestApiRow;
  problems: ImportProblems;
}

const scopeOf = (api: RestApiRow) => ({ restApiId: api.id, accountId: api.accountId, region: api.region });

/** Everything an overwrite replaces: the resource tree below the root, the root's methods, and the API's named parts. */
async function clearApi(tx: Db, api: RestApiRow): Promise<void> {
  const scope = scopeOf(api);
  // Children go with their parents (the tree's foreign key cascades).
  await tx.apigwResource.deleteMany({ where: { ...scope, parentId: { not: null } } });
  await tx.apigwResource.update({ where: { id: api.rootResourceId }, data: { methods: {} } });
  await tx.apigwModel.deleteMany({ where: scope });
  await tx.apigwRequestValidator.deleteMany({ where: scope });
  await tx.apigwAuthorizer.deleteMany({ where: scope });
  await tx.apigwGatewayResponse.deleteMany({ where: scope });
}

async function applyModels({ tx, api, problems }: Target, definition: ApiDefinition): Promise<void> {
  const existing = new Map((await tx.apigwModel.findMany({ where: scopeOf(api) })).map((row) => [row.name, row.id]));
  for (const { name, schema } of definition.models) {
    const model = { id: existing.get(name) ?? shortId(), name, schema: JSON.stringify(withModelUrls(schema, definition.schemaRefPrefix, api.id), null, 2), contentType: "application/json" };
    await problems.attempt(`Unable to create model '${name}'`, () => {
      checkModel(model);
      return saveModel(tx, api, model);
    });
  }
}

async function applyRequestValidators({ tx, api, problems }: Target, definition: ApiDefinition): Promise<Ids> {
  const existing = new Map((await tx.apigwRequestValidator.findMany({ where: scopeOf(api) })).map((row) => [row.name, row.id]));
  const ids: Ids = new Map();
  for (const validator of definition.requestValidators) {
    const saved = await problems.attempt(`Unable to create request validator '${validator.name}'`, () =>
      saveRequestValidator(tx, api, { id: existing.get(validator.name) ?? shortId(), ...validator }),
    );
    if (saved) ids.set(saved.name, saved.id);
  }
  return ids;
}

async function applyAuthorizers({ tx, api, problems }: Target, definition: ApiDefinition): Promise<Ids> {
  const existing = new Map((await tx.apigwAuthorizer.findMany({ where: scopeOf(api) })).map((row) => [row.name, row.id]));
  const ids: Ids = new Map();
  for (const input of definition.authorizers) {
    const saved = await problems.attempt(`Unable to create authorizer '${input.name}'`, () => saveAuthorizer(tx, api, authorizerOf(input, existing.get(input.name))));
    if (saved) ids.set(saved.name, saved.id);
  }
  return ids;
}

async function applyGatewayResponses({ tx, api, problems }: Target, definition: ApiDefinition): Promise<void> {
  for (const response of definition.gatewayResponses) {
    await problems.attempt(`Unable to put gateway response '${response.responseType}'`, () => {
      checkGatewayResponse(response);
      return saveResponse(tx, api, response.responseType, response);
    });
  }
}

/** The resource tree as the import grows it: rows by path, each new one placed through CreateResource's checks. */
class ResourceTree {
  readonly #byPath: Map<string, ResourceRow>;

  private constructor(
    private readonly target: Target,
    private readonly rows: ResourceRow[],
  ) {
    const paths = resourcePaths(rows);
    this.#byPath = new Map(rows.map((row) => [paths.get(row.id)!, row]));
  }

  static async load(target: Target): Promise<ResourceTree> {
    return new ResourceTree(target, await apiResources(target.tx, target.api));
  }

  /** The resource at `path`, created with any missing parents; undefined when one could not be (the problem is recorded). */
  async ensure(path: string): Promise<ResourceRow | undefined> {
    const known = this.#byPath.get(path);
    if (known) return known;
    const cut = path.lastIndexOf("/");
    const parent = await this.ensure(cut === 0 ? "/" : path.slice(0, cut));
    if (!parent) return undefined;
    const { tx, api, problems } = this.target;
    const row = await problems.attempt(`Unable to create resource at path '${path}'`, () => insertResource(tx, api, this.rows, parent, path.slice(cut + 1)));
    if (!row) return undefined;
    this.rows.push(row);
    this.#byPath.set(path, row);
    return row;
  }
}

/** One operation as a method, with its responses and integration; each part refused by its checks is recorded and left out. */
async function buildMethod(
  { tx, api, problems }: Target,
  resource: ResourceRow,
  path: string,
  operation: OperationDefinition,
  ids: { validators: Ids; authorizers: Ids },
): Promise<Method | undefined> {
  const { httpMethod } = operation.method;
  const method = await problems.attempt(`Unable to put method '${httpMethod}' on resource at path '${path}'`, () =>
    newMethod(tx, api, {
      ...operation.method,
      ...(operation.authorizerName !== undefined && { authorizerId: ids.authorizers.get(operation.authorizerName) }),
      ...(operation.requestValidatorName !== undefined && { requestValidatorId: ids.validators.get(operation.requestValidatorName) }),
    }),
  );
  if (!method) return undefined;
  for (const input of operation.methodResponses) {
    await problems.attempt(`Unable to put method response '${input.statusCode}' on '${httpMethod}' for resource at path '${path}'`, async () => {
      const response = methodResponseOf(input);
      await checkModels(tx, api, response.responseModels);
      method.methodResponses = { ...method.methodResponses, [response.statusCode]: response };
    });
  }
  const integrationInput = operation.integration;
  if (!integrationInput) return method;
  const integration = await problems.attempt(`Unable to put integration on '${httpMethod}' for resource at path '${path}'`, () => newIntegration(integrationInput, resource.id));
  if (!integration) return method;
  method.methodIntegration = integration;
  for (const input of operation.integrationResponses) {
    await problems.attempt(`Unable to put integration response '${input.statusCode}' on '${httpMethod}' for resource at path '${path}'`, () => {
      const response = integrationResponseOf(input);
      integration.integrationResponses = { ...integration.integrationResponses, [response.statusCode]: response };
    });
  }
  return method;
}

export async function applyDefinition(tx: Db, api: RestApiRow, definition: ApiDefinition, mode: ImportMode, problems: ImportProblems): Promise<void> {
  const target: Target = { tx, api, problems };
  if (mode === "overwrite") await clearApi(tx, api);
  // Methods name models, validators and authorizers: those come first.
  await applyModels(target, definition);
  const ids = { validators: await applyRequestValidators(target, definition), authorizers: await applyAuthorizers(target, definition) };
  await applyGatewayResponses(target, definition);
  const tree = await ResourceTree.load(target);
  for (const [path, operations] of definition.resources) {
    const resource = await tree.ensure(path);
    if (!resource) continue;
    const methods = structuredClone(methodsOf(resource));
    for (const operation of operations) {
      const method = await buildMethod(target, resource, path, operation, ids);
      if (method) methods[method.httpMethod] = method;
    }
    await tx.apigwResource.update({ where: { id: resource.id }, data: { methods: { ...methods } } });
  }
}
