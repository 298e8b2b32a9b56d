/** Integrations and integration responses: Put/Get/Update/Delete Integration and IntegrationResponse. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors, checkEnum, enumViolation } from "./errors";
import { HTTP_METHODS, type Integration, type IntegrationResponse, type Method } from "./model";
import { changeMethods, checkStatusCode, readMethod, requireMethod } from "./methods";
import { applyPatch, asOptionalString, asString, memberMapEntryRule, memberRule, patchInteger, type PatchRule, setEntryRule } from "./patch";
import type { ApigwInput } from "./schemas";

const INTEGRATION_TYPES = ["HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS"];
const PASSTHROUGH_BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
const CONTENT_HANDLING = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];
const CONNECTION_TYPES = ["INTERNET", "VPC_LINK"];
const TIMEOUT = { min: 50, max: 29_000 };
/** `arn:aws:apigateway:{region}:{service}:path/…` or `…:action/…`, the form AWS integrations name their target in. */
const AWS_INTEGRATION_ARN = /^arn:aws[a-zA-Z-]*:apigateway:[a-zA-Z0-9-]+:[a-zA-Z0-9-.]+:(path|action)\/.+$/;

/** Whether the URI is an http(s) URL once stage variables (`${stageVariables.x}`) stand for a value. */
function isHttpUrl(uri: string): boolean {
  try {
    const url = new URL(uri.replace(/\$\{stageVariables\.[A-Za-z0-9_]+\}/g, "x"));
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** AWS's rules for an integration's members by type, checked on Put and after an Update. */
function checkIntegration(integration: Integration, input: string): void {
  if (!INTEGRATION_TYPES.includes(integration.type)) throw enumViolation(integration.type, `${input}.type`, INTEGRATION_TYPES);
  const { type, uri } = integration;
  if (type !== "MOCK") {
    if (!integration.httpMethod) throw ApigwErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
    if (!(HTTP_METHODS as readonly string[]).includes(integration.httpMethod)) {
      throw ApigwErrors.badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(",")}`);
    }
  }
  if ((type === "HTTP" || type === "HTTP_PROXY") && (uri === undefined || !isHttpUrl(uri))) throw ApigwErrors.badRequest("Invalid HTTP endpoint specified for URI");
  if (type === "AWS" || type === "AWS_PROXY") {
    if (uri === undefined || !uri.startsWith("arn:")) throw ApigwErrors.badRequest("Invalid ARN specified in the request");
    if (!AWS_INTEGRATION_ARN.test(uri)) throw ApigwErrors.badRequest("AWS ARN for integration must contain path or action");
    if (type === "AWS_PROXY" && !/^arn:[^:]+:apigateway:[^:]+:(lambda|firehose):/.test(uri)) {
      throw ApigwErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
    }
  }
  if (integration.timeoutInMillis < TIMEOUT.min || integration.timeoutInMillis > TIMEOUT.max) {
    throw ApigwErrors.badRequest(`Timeout should be between ${TIMEOUT.min} ms and ${TIMEOUT.max} ms`);
  }
  if (integration.passthroughBehavior !== undefined && !PASSTHROUGH_BEHAVIORS.includes(integration.passthroughBehavior)) {
    throw ApigwErrors.badRequest(`Invalid passthrough behavior specified: ${integration.passthroughBehavior}. Valid options are ${PASSTHROUGH_BEHAVIORS.join(",")}`);
  }
  checkEnum(integration.contentHandling, `${input}.contentHandling`, CONTENT_HANDLING);
  checkEnum(integration.connectionType, `${input}.connectionType`, CONNECTION_TYPES);
  if (integration.connectionType === "VPC_LINK" && !integration.connectionId) {
    throw ApigwErrors.badRequest("ConnectionId must be specified for integrations with ConnectionType VPC_LINK");
  }
}

function requireIntegration(method: Method): Integration {
  if (!method.methodIntegration) throw ApigwErrors.integrationNotFound();
  return method.methodIntegration;
}

export async function putIntegration(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutIntegration">): Promise<Integration> {
  if (!INTEGRATION_TYPES.includes(input.type)) throw enumViolation(input.type, "putIntegrationInput.type", INTEGRATION_TYPES);
  return changeMethods(db, ctx, input, ({ resource, methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    const integration = newIntegration(input, resource.id);
    method.methodIntegration = integration;
    return integration;
  });
}

/** PutIntegration's members besides the method. */
export type IntegrationInput = Omit<ApigwInput<"PutIntegration">, "restApiId" | "resourceId" | "httpMethod">;

/** The integration PutIntegration (or an import) sets on a method of the resource `resourceId`, with AWS's defaults and checks. */
export function newIntegration(input: IntegrationInput, resourceId: string): Integration {
  const http = input.type === "HTTP" || input.type === "HTTP_PROXY";
  const integration: Integration = {
    type: input.type,
    ...(input.integrationHttpMethod !== undefined && { httpMethod: input.integrationHttpMethod }),
    ...(input.uri !== undefined && { uri: input.uri }),
    ...((input.connectionType !== undefined || http) && { connectionType: input.connectionType ?? "INTERNET" }),
    ...(input.connectionId !== undefined && { connectionId: input.connectionId }),
    ...(input.credentials !== undefined && { credentials: input.credentials }),
    ...(input.requestParameters && { requestParameters: input.requestParameters }),
    ...(input.requestTemplates && { requestTemplates: input.requestTemplates }),
    passthroughBehavior: input.passthroughBehavior ?? "WHEN_NO_MATCH",
    ...(input.contentHandling !== undefined && { contentHandling: input.contentHandling }),
    timeoutInMillis: input.timeoutInMillis ?? TIMEOUT.max,
    cacheNamespace: input.cacheNamespace ?? resourceId,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
  };
  checkIntegration(integration, "putIntegrationInput");
  return integration;
}

export async function getIntegration(db: Db, ctx: CallContext, input: ApigwInput<"GetIntegration">): Promise<Integration> {
  return requireIntegration(await readMethod(db, ctx, input));
}


const INTEGRATION_RULES: PatchRule<Integration>[] = [
  memberRule("type", asString),
  memberRule("uri", asOptionalString, { removable: true }),
  memberRule("httpMethod", asOptionalString, { removable: true }),
  memberRule("credentials", asOptionalString, { removable: true }),
  memberRule("passthroughBehavior", asString),
  memberRule("contentHandling", asOptionalString, { removable: true }),
  memberRule("timeoutInMillis", patchInteger),
  memberRule("cacheNamespace", asString),
  memberRule("connectionType", asString),
  memberRule("connectionId", asOptionalString, { removable: true }),
  memberMapEntryRule("requestParameters", asString),
  memberMapEntryRule("requestTemplates", asString),
  setEntryRule("cacheKeyParameters"),
];

export async function updateIntegration(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateIntegration">): Promise<Integration> {
  return changeMethods(db, ctx, input, ({ methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    const integration = applyPatch(requireIntegration(method), input.patchOperations, INTEGRATION_RULES);
    integration.cacheKeyParameters ??= [];
    checkIntegration(integration, "updateIntegrationInput");
    method.methodIntegration = integration;
    return integration;
  });
}

export async function deleteIntegration(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteIntegration">): Promise<void> {
  await changeMethods(db, ctx, input, ({ methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    requireIntegration(method);
    delete method.methodIntegration;
  });
}

// Integration responses.

function requireIntegrationResponse(integration: Integration, statusCode: string): IntegrationResponse {
  const response = integration.integrationResponses?.[statusCode];
  if (!response) throw ApigwErrors.responseNotFound();
  return response;
}

/** PutIntegrationResponse's members besides the method. */
export type IntegrationResponseInput = Omit<ApigwInput<"PutIntegrationResponse">, "restApiId" | "resourceId" | "httpMethod">;

/** The integration response PutIntegrationResponse (or an import) creates, after AWS's checks. */
export function integrationResponseOf(input: IntegrationResponseInput): IntegrationResponse {
  checkStatusCode(input.statusCode);
  checkEnum(input.contentHandling, "putIntegrationResponseInput.contentHandling", CONTENT_HANDLING);
  return {
    statusCode: input.statusCode,
    ...(input.selectionPattern !== undefined && { selectionPattern: input.selectionPattern }),
    ...(input.responseParameters && { responseParameters: input.responseParameters }),
    ...(input.responseTemplates && { responseTemplates: input.responseTemplates }),
    ...(input.contentHandling !== undefined && { contentHandling: input.contentHandling }),
  };
}

export async function putIntegrationResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutIntegrationResponse">): Promise<IntegrationResponse> {
  const response = integrationResponseOf(input);
  return changeMethods(db, ctx, input, ({ methods }) => {
    const method = requireMethod(methods, input.httpMethod);
    if (!method.methodIntegration) throw ApigwErrors.notFound("No integration defined for method");
    method.methodIntegration.integrationResponses = { ...method.methodIntegration.integrationResponses, [input.statusCode]: response };
    return response;
  });
}

export async function getIntegrationResponse(db: Db, ctx: CallContext, input: ApigwInput<"GetIntegrationResponse">): Promise<IntegrationResponse> {
  return requireIntegrationResponse(requireIntegration(await readMethod(db, ctx, input)), input.statusCode);
}

const INTEGRATION_RESPONSE_RULES: PatchRule<IntegrationResponse>[] = [
  memberRule("selectionPattern", asString, { removable: true }),
  memberRule("contentHandling", asOptionalString, { removable: true }),
  memberMapEntryRule("responseParameters", asString),
  memberMapEntryRule("responseTemplates", asString),
];

export async function updateIntegrationResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateIntegrationResponse">): Promise<IntegrationResponse> {
  return changeMethods(db, ctx, input, ({ methods }) => {
    const integration = requireIntegration(requireMethod(methods, input.httpMethod));
    const response = applyPatch(requireIntegrationResponse(integration, input.statusCode), input.patchOperations, INTEGRATION_RESPONSE_RULES);
    checkEnum(response.contentHandling, "updateIntegrationResponseInput.contentHandling", CONTENT_HANDLING);
    integration.integrationResponses = { ...integration.integrationResponses, [input.statusCode]: response };
    return response;
  });
}

export async function deleteIntegrationResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteIntegrationResponse">): Promise<void> {
  await changeMethods(db, ctx, input, ({ methods }) => {
    const integration = requireIntegration(requireMethod(methods, input.httpMethod));
    requireIntegrationResponse(integration, input.statusCode);
    const { [input.statusCode]: _removed, ...rest } = integration.integrationResponses!;
    if (Object.keys(rest).length === 0) delete integration.integrationResponses;
    else integration.integrationResponses = rest;
  });
}
