/**
 * The console's "Enable CORS" action on a resource, as the AWS console performs it: an OPTIONS method
 * without authorization whose MOCK integration answers the preflight with the Access-Control-Allow-*
 * headers. It replaces an OPTIONS method the resource already has.
 */
import { z } from "zod";
import type { PrismaClient } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { putIntegration, putIntegrationResponse } from "./integrations";
import { deleteMethod, putMethod, putMethodResponse } from "./methods";
import { HTTP_METHODS, type Method, methodsOf } from "./model";
import { requireApi, requireResource } from "./store";

/** A header value travels as a quoted mapping literal, which cannot hold a quote. */
const HeaderValue = z.string().min(1).regex(/^[^']*$/, "A header value cannot contain a single quote");

export const EnableCorsInput = z.object({
  restApiId: z.string().min(1),
  resourceId: z.string().min(1),
  allowMethods: z.array(z.enum(HTTP_METHODS).exclude(["ANY", "OPTIONS"])).min(1),
  allowHeaders: HeaderValue.default("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"),
  allowOrigin: HeaderValue.default("*"),
});

export async function enableCors(db: PrismaClient, ctx: CallContext, input: z.output<typeof EnableCorsInput>): Promise<Method> {
  requireRole(ctx, "developer", "apigateway:PutMethod");
  const target = { restApiId: input.restApiId, resourceId: input.resourceId, httpMethod: "OPTIONS" };
  const resource = await requireResource(db, await requireApi(db, ctx, input.restApiId), input.resourceId);
  if (methodsOf(resource).OPTIONS) await deleteMethod(db, ctx, target);
  const headers = {
    "Access-Control-Allow-Headers": input.allowHeaders,
    "Access-Control-Allow-Methods": [...input.allowMethods, "OPTIONS"].join(","),
    "Access-Control-Allow-Origin": input.allowOrigin,
  };
  const parameter = (name: string) => `method.response.header.${name}`;
  await putMethod(db, ctx, { ...target, authorizationType: "NONE", apiKeyRequired: false });
  await putMethodResponse(db, ctx, {
    ...target,
    statusCode: "200",
    responseParameters: Object.fromEntries(Object.keys(headers).map((name) => [parameter(name), false])),
    responseModels: { "application/json": "Empty" },
  });
  await putIntegration(db, ctx, { ...target, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  await putIntegrationResponse(db, ctx, {
    ...target,
    statusCode: "200",
    responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [parameter(name), `'${value}'`])),
    responseTemplates: { "application/json": "" },
  });
  return methodsOf(await requireResource(db, await requireApi(db, ctx, input.restApiId), input.resourceId)).OPTIONS!;
}
