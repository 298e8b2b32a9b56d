/** Methods and method responses: Put/Get/Update/Delete Method and MethodResponse. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { HTTP_METHODS, type Method, type MethodResponse, type Methods, methodsOf, type ResourceRow, type RestApiRow } from "./model";
import { applyPatch, asOptionalString, asString, memberMapEntryRule, memberRule, patchBoolean, type PatchRule, setEntryRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, requireApi, requireResource } from "./store";

const AUTHORIZATION_TYPES = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"];
const REQUEST_PARAMETER = /^method\.request\.(querystring|path|header|multivaluequerystring|multivalueheader)\.([^.]+)$/;
const STATUS_CODE = /^[1-5]\d\d$/;
/** The model every API has and methods may name without creating it. */
const EMPTY_MODEL = "Empty";

interface MethodTarget {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
}

export interface MethodScope {
  tx: Db;
  api: RestApiRow;
  resource: ResourceRow;
  methods: Methods;
}

/**
 * Changes a resource's methods under the API's lock: `change` edits `methods` in place (and may
 * throw), then the resource row is written back.
 */
export function changeMethods<T>(db: PrismaClient, ctx: CallContext, target: Omit<MethodTarget, "httpMethod">, change: (scope: MethodScope) => Promise<T> | T): Promise<T> {
  return changeApi(db, ctx, target.restApiId, async (tx, api) => {
    const resource = await requireResource(tx, api, target.resourceId);
    const methods = structuredClone(methodsOf(resource));
    const result = await change({ tx, api, resource, methods });
    await tx.apigwResource.update({ where: { id: resource.id }, data: { methods: { ...methods } } });
    return result;
  });
}

export function requireMethod(methods: Methods, httpMethod: string): Method {
  const method = methods[httpMethod];
  if (!method) throw ApigwErrors.methodNotFound();
  return method;
}

/** The method as it is stored, for reads. */
export async function readMethod(db: Db, ctx: CallContext, target: MethodTarget): Promise<Method> {
  const resource = await requireResource(db, await requireApi(db, ctx, target.restApiId), target.resourceId);
  return requireMethod(methodsOf(resource), target.httpMethod);
}

/** A method's references (authorizer, validator, models) and request parameters, as AWS checks them on Put and Update. */
async function checkMethod(tx: Db, api: RestApiRow, method: Method): Promise<void> {
  if (!AUTHORIZATION_TYPES.includes(method.authorizationType)) {
    throw ApigwErrors.badRequest(`Invalid authorization type specified. Valid options are ${AUTHORIZATION_TYPES.join(",")}`);
  }
  if ((method.authorizationType === "CUSTOM" || method.authorizationType === "COGNITO_USER_POOLS") && !method.authorizerId) {
    throw ApigwErrors.badRequest(
      "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.",
    );
  }
  const names = Object.keys(method.requestParameters ?? {}).map((key) => {
    const match = REQUEST_PARAMETER.exec(key);
    if (!match) throw ApigwErrors.badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid method request parameter name specified: ${key}]`);
    return match[2]!;
  });
  if (new Set(names).size !== names.length) throw ApigwErrors.badRequest("Parameter names must be unique across querystring, header and path");
  const scope = { restApiId: api.id, accountId: api.accountId, region: api.region };
  if ((method.authorizationType === "CUSTOM" || method.authorizationType === "COGNITO_USER_POOLS") && !(await tx.apigwAuthorizer.findFirst({ where: { ...scope, id: method.authorizerId } }))) {
    throw ApigwErrors.badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
  }
  if (method.requestValidatorId !== undefined && !(await tx.apigwRequestValidator.findFirst({ where: { ...scope, id: method.requestValidatorId } }))) {
    throw ApigwErrors.badRequest("Invalid Request Validator identifier specified");
  }
  await checkModels(tx, api, method.requestModels);
}

export async function checkModels(tx: Db, api: RestApiRow, models: Record<string, string> | undefined): Promise<void> {
  for (const name of Object.values(models ?? {})) {
    if (name === EMPTY_MODEL) continue;
    const found = await tx.apigwModel.findFirst({ where: { restApiId: api.id, accountId: api.accountId, region: api.region, name } });
    if (!found) throw ApigwErrors.badRequest(`Invalid model identifier specified: ${name}`);
  }
}

export async function putMethod(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutMethod">): Promise<Method> {
  if (!(HTTP_METHODS as readonly string[]).includes(input.httpMethod)) {
    throw ApigwErrors.badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(",")}`);
  }
  return changeMethods(db, ctx, input, async ({ tx, api, methods }) => {
    if (methods[input.httpMethod]) throw ApigwErrors.conflict("Method already exists for this resource");
    const method = await newMethod(tx, api, input);
    methods[input.httpMethod] = method;
    return method;
  });
}

/** PutMethod's members besides the resource. */
export type MethodInput = Omit<ApigwInput<"PutMethod">, "restApiId" | "resourceId">;

/** The method PutMethod (or an import) creates, its references checked. */
export async function newMethod(tx: Db, api: RestApiRow, input: MethodInput): Promise<Method> {
  const method: Method = {
    httpMethod: input.httpMethod,
    authorizationType: input.authorizationType,
    ...(input.authorizerId !== undefined && { authorizerId: input.authorizerId }),
    apiKeyRequired: input.apiKeyRequired ?? false,
    ...(input.requestValidatorId !== undefined && { requestValidatorId: input.requestValidatorId }),
    ...(input.operationName !== undefined && { operationName: input.operationName }),
    ...(input.requestParameters && { requestParameters: input.requestParameters }),
    ...(input.requestModels && { requestModels: input.requestModels }),
    ...(input.authorizationScopes?.length && { authorizationScopes: input.authorizationScopes }),
  };
  await checkMethod(tx, api, method);
  return method;
}

export async function getMethod(db: Db, ctx: CallContext, input: ApigwInput<"GetMethod">): Promise<Method> {
  return readMethod(db, ctx, input);
}


const METHOD_RULES: PatchRule<Method>[] = [
  memberRule("authorizationType", asString),
  memberRule("authorizerId", asOptionalString, { removable: true }),
  memberRule("apiKeyRequired", patchBoolean),
  memberRule("operationName", asOptionalString, { removable: true }),
  // An empty value takes the validator off, as removing it does.
  memberRule("requestValidatorId", asOptionalString, { removable: true }),
  memberMapEntryRule("requestParameters", patchBoolean),
  memberMapEntryRule("requestModels", asString),
  setEntryRule("authorizationScopes"),
];

export async function updateMethod(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateMethod">): Promise<Method> {
  return changeMethods(db, ctx, input, async ({ tx, api, methods }) => {
    const method = applyPatch(requireMethod(methods, input.httpMethod), input.patchOperations, METHOD_RULES);
    if (method.requestValidatorId === undefined) delete method.requestValidatorId;
    if (method.authorizationType === "NONE" || method.authorizationType === "AWS_IAM") delete method.authorizerId;
    await checkMethod(tx, api, method);
    methods[input.httpMethod] = method;
    return method;
  });
}

export async function deleteMethod(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteMethod">): Promise<void> {
  await changeMethods(db, ctx, input, ({ methods }) => {
    requireMethod(methods, input.httpMethod);
    delete methods[input.httpMethod];
  });
}

// Method responses.

function requireMethodResponse(method: Method, statusCode: string): MethodResponse {
  const response = method.methodResponses?.[statusCode];
  if (!response) throw ApigwErrors.responseNotFound();
  return response;
}

export function checkStatusCode(statusCode: string): void {
  if (!STATUS_CODE.test(statusCode)) throw ApigwErrors.badRequest("Invalid status code specified");
}

/** PutMethodResponse's members besides the method. */
export type MethodResponseInput = Omit<ApigwInput<"PutMethodResponse">, "restApiId" | "resourceId" | "httpMethod">;

/** The method response PutMethodResponse (or an import) creates; the models it names are the caller's to check (checkModels). */
export function methodResponseOf(input: MethodResponseInput): MethodResponse {
  checkStatusCode(input.statusCode);
  return {
    statusCode: input.statusCode,
    ...(input.responseParameters && { responseParameters: input.responseParameters }),
    ...(input.responseModels && { responseModels: input.responseModels }),
  };
}

export async function putMethodResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutMethodResponse">): Promise<MethodResponse> {
  const response = methodResponseOf(input);
  return changeMethods(db, ctx, input, async ({ tx, api, methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    if (method.methodResponses?.[input.statusCode]) throw ApigwErrors.conflict("Response already exists for this resource");
    await checkModels(tx, api, input.responseModels);
    method.methodResponses = { ...method.methodResponses, [input.statusCode]: response };
    return response;
  });
}

export async function getMethodResponse(db: Db, ctx: CallContext, input: ApigwInput<"GetMethodResponse">): Promise<MethodResponse> {
  return requireMethodResponse(await readMethod(db, ctx, input), input.statusCode);
}

const METHOD_RESPONSE_RULES: PatchRule<MethodResponse>[] = [memberMapEntryRule("responseParameters", patchBoolean), memberMapEntryRule("responseModels", asString)];

export async function updateMethodResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateMethodResponse">): Promise<MethodResponse> {
  return changeMethods(db, ctx, input, async ({ tx, api, methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    const response = applyPatch(requireMethodResponse(method, input.statusCode), input.patchOperations, METHOD_RESPONSE_RULES);
    await checkModels(tx, api, response.responseModels);
    method.methodResponses = { ...method.methodResponses, [input.statusCode]: response };
    return response;
  });
}

export async function deleteMethodResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteMethodResponse">): Promise<void> {
  await changeMethods(db, ctx, input, ({ methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    requireMethodResponse(method, input.statusCode);
    const { [input.statusCode]: _removed, ...rest } = method.methodResponses!;
    if (Object.keys(rest).length === 0) delete method.methodResponses;
    else method.methodResponses = rest;
  });
}
