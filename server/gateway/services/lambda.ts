/**
 * Lambda on the gateway: restJson1 under AWS's dated URI prefixes (`/2015-03-31/functions/…`,
 * `/2018-10-31/layers/…`, …), and the unsigned download route for GetFunction's code location.
 */
import { z } from "zod";
import { prisma } from "../../db/client";
import type { CallContext } from "../../services/context";
import { functionArn, layerArn, parseFunctionRef } from "../../services/lambda/arns";
import { findCodeZip } from "../../services/lambda/code";
import { CODE_LOCATION_PATH, verifyCodeLocation } from "../../services/lambda/code-location";
import { LambdaErrors } from "../../services/lambda/errors";
import { eventSourceMappingArn } from "../../services/lambda/event-source-mappings/model";
import { invoke, InvokeInput, type InvokeOutput } from "../../services/lambda/invocation/invoke";
import { LIMITS } from "../../services/lambda/limits";
import { type LambdaOperation, type LambdaOperationName, lambdaOperations } from "../../services/lambda/operations";
import { violations } from "../../services/lambda/validation";
import type { OperationRegistry, RestBinding, RestResponse } from "../registry";

const F = "/2015-03-31/functions/{FunctionName}";
const LAYER_VERSION = "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}";
const PROVISIONED = "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
const EVENT_INVOKE = "/2019-09-25/functions/{FunctionName}/event-invoke-config";
const ESM = "/2015-03-31/event-source-mappings";

const codeUpload = (bytes: number, operation: string): RestBinding["bodyLimit"] => ({ bytes, error: () => LambdaErrors.requestTooLarge(bytes, operation) });

/** Every operation's method, URI template and success status, as the SDK's model declares them. */
const ROUTES: Record<LambdaOperationName, Omit<RestBinding, "encode">> = {
  CreateFunction: {
    method: "POST",
    path: "/2015-03-31/functions",
    successStatus: 201,
    bodyLimit: codeUpload(LIMITS.createFunctionRequestBytes, "CreateFunction"),
  },
  GetFunction: { method: "GET", path: F },
  GetFunctionConfiguration: { method: "GET", path: `${F}/configuration` },
  UpdateFunctionCode: { method: "PUT", path: `${F}/code`, bodyLimit: codeUpload(LIMITS.updateFunctionCodeRequestBytes, "UpdateFunctionCode") },
  UpdateFunctionConfiguration: { method: "PUT", path: `${F}/configuration` },
  DeleteFunction: { method: "DELETE", path: F, successStatus: 204 },
  ListFunctions: { method: "GET", path: "/2015-03-31/functions" },
  PublishVersion: { method: "POST", path: `${F}/versions`, successStatus: 201 },
  ListVersionsByFunction: { method: "GET", path: `${F}/versions` },
  CreateAlias: { method: "POST", path: `${F}/aliases`, successStatus: 201 },
  GetAlias: { method: "GET", path: `${F}/aliases/{Name}` },
  UpdateAlias: { method: "PUT", path: `${F}/aliases/{Name}` },
  DeleteAlias: { method: "DELETE", path: `${F}/aliases/{Name}`, successStatus: 204 },
  ListAliases: { method: "GET", path: `${F}/aliases` },
  PutFunctionConcurrency: { method: "PUT", path: "/2017-10-31/functions/{FunctionName}/concurrency" },
  GetFunctionConcurrency: { method: "GET", path: "/2019-09-30/functions/{FunctionName}/concurrency" },
  DeleteFunctionConcurrency: { method: "DELETE", path: "/2017-10-31/functions/{FunctionName}/concurrency", successStatus: 204 },
  PutProvisionedConcurrencyConfig: { method: "PUT", path: PROVISIONED, successStatus: 202 },
  GetProvisionedConcurrencyConfig: { method: "GET", path: PROVISIONED },
  DeleteProvisionedConcurrencyConfig: { method: "DELETE", path: PROVISIONED, successStatus: 204 },
  ListProvisionedConcurrencyConfigs: { method: "GET", path: `${PROVISIONED}?List=ALL` },
  PutFunctionEventInvokeConfig: { method: "PUT", path: EVENT_INVOKE },
  GetFunctionEventInvokeConfig: { method: "GET", path: EVENT_INVOKE },
  UpdateFunctionEventInvokeConfig: { method: "POST", path: EVENT_INVOKE },
  DeleteFunctionEventInvokeConfig: { method: "DELETE", path: EVENT_INVOKE, successStatus: 204 },
  ListFunctionEventInvokeConfigs: { method: "GET", path: `${EVENT_INVOKE}/list` },
  CreateEventSourceMapping: { method: "POST", path: ESM, successStatus: 202 },
  GetEventSourceMapping: { method: "GET", path: `${ESM}/{UUID}` },
  UpdateEventSourceMapping: { method: "PUT", path: `${ESM}/{UUID}`, successStatus: 202 },
  DeleteEventSourceMapping: { method: "DELETE", path: `${ESM}/{UUID}`, successStatus: 202 },
  ListEventSourceMappings: { method: "GET", path: ESM },
  PublishLayerVersion: {
    method: "POST",
    path: "/2018-10-31/layers/{LayerName}/versions",
    successStatus: 201,
    bodyLimit: codeUpload(LIMITS.updateFunctionCodeRequestBytes, "PublishLayerVersion"),
  },
  ListLayers: { method: "GET", path: "/2018-10-31/layers" },
  ListLayerVersions: { method: "GET", path: "/2018-10-31/layers/{LayerName}/versions" },
  GetLayerVersion: { method: "GET", path: LAYER_VERSION },
  GetLayerVersionByArn: { method: "GET", path: "/2018-10-31/layers?find=LayerVersion" },
  DeleteLayerVersion: { method: "DELETE", path: LAYER_VERSION, successStatus: 204 },
  AddPermission: { method: "POST", path: `${F}/policy`, successStatus: 201 },
  RemovePermission: { method: "DELETE", path: `${F}/policy/{StatementId}`, successStatus: 204 },
  GetPolicy: { method: "GET", path: `${F}/policy` },
  TagResource: { method: "POST", path: "/2017-03-31/tags/{Resource}", successStatus: 204 },
  UntagResource: {
    method: "DELETE",
    path: "/2017-03-31/tags/{Resource}",
    successStatus: 204,
    // The tag keys are a repeated query parameter, `tagKeys`.
    decode: (req) => ({ Resource: req.pathParams.Resource, TagKeys: req.query.getAll("tagKeys") }),
  },
  ListTags: { method: "GET", path: "/2017-03-31/tags/{Resource}" },
  GetAccountSettings: { method: "GET", path: "/2016-08-19/account-settings" },
};

/** AWS's member names are camelCase in validation messages (`ephemeralStorage.size`). */
const camel = (path: (string | number)[]) => path.map((p) => (typeof p === "string" ? p.charAt(0).toLowerCase() + p.slice(1) : String(p))).join(".");

/** Input that fails the schema: a missing member as AWS words it, a mistyped one with zod's reason. */
function lambdaValidationError(error: z.ZodError) {
  const v = violations();
  for (const issue of error.issues) {
    if (issue.code === "invalid_type" && issue.received === "undefined") v.required(undefined, camel(issue.path));
    else v.redacted(camel(issue.path), issue.message);
  }
  return v.error() ?? LambdaErrors.validation(error.message);
}

/** The ARN an audit record names: the function, layer, event source mapping or tagged resource the call is about. */
function auditArn(ctx: CallContext, input: Record<string, unknown>, output: unknown): string | undefined {
  if (typeof input.Resource === "string") return input.Resource;
  if (typeof input.UUID === "string") return eventSourceMappingArn(ctx.region, ctx.accountId, input.UUID);
  if (typeof output === "object" && output !== null && "EventSourceMappingArn" in output && typeof output.EventSourceMappingArn === "string") {
    return output.EventSourceMappingArn;
  }
  if (typeof input.Arn === "string") return input.Arn;
  if (typeof input.LayerName === "string") return input.LayerName.startsWith("arn:") ? input.LayerName : layerArn(ctx.region, ctx.accountId, input.LayerName);
  if (typeof input.FunctionName !== "string") return undefined;
  const ref = parseFunctionRef(input.FunctionName);
  return ref && functionArn(ref.region ?? ctx.region, ref.accountId ?? ctx.accountId, ref.name, ref.qualifier);
}

function s3Error(status: number, code: string, message: string): RestResponse {
  return { status, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>` };
}

/** Invoke's result is the function's own payload, with the outcome in headers. */
function invokeResponse(output: InvokeOutput): RestResponse {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (output.FunctionError) headers["x-amz-function-error"] = output.FunctionError;
  if (output.LogResult) headers["x-amz-log-result"] = output.LogResult;
  if (output.ExecutedVersion) headers["x-amz-executed-version"] = output.ExecutedVersion;
  return { status: output.StatusCode, headers, body: output.Payload };
}

const InvokeAsyncInput = z.object({ FunctionName: z.string().min(1).max(170), InvokeArgs: z.instanceof(Buffer) });

function registerInvokeOperations(registry: OperationRegistry): void {
  registry.register({
    service: "lambda",
    name: "Invoke",
    input: InvokeInput,
    handler: (ctx, input) => invoke(prisma(), ctx, input),
    // CloudTrail records invocations as data events, which are not logged by default.
    dataEvent: true,
    protocols: {
      restJson1: {
        method: "POST",
        path: `${F}/invocations`,
        headers: { InvocationType: "X-Amz-Invocation-Type", LogType: "X-Amz-Log-Type", ClientContext: "X-Amz-Client-Context" },
        payload: "Payload",
        encode: invokeResponse,
      },
    },
  });
  // The deprecated InvokeAsync API, which some older tools still call.
  registry.register({
    service: "lambda",
    name: "InvokeAsync",
    input: InvokeAsyncInput,
    handler: async (ctx, input) => {
      await invoke(prisma(), ctx, { FunctionName: input.FunctionName, InvocationType: "Event", LogType: "None", Payload: input.InvokeArgs });
      return { Status: 202 };
    },
    dataEvent: true,
    protocols: { restJson1: { method: "POST", path: "/2014-11-13/functions/{FunctionName}/invoke-async", payload: "InvokeArgs", successStatus: 202 } },
  });
}

export function registerLambdaOperations(registry: OperationRegistry): void {
  registry.registerService({ name: "lambda", validationError: lambdaValidationError });
  for (const name of Object.keys(lambdaOperations) as LambdaOperationName[]) {
    const operation: LambdaOperation<z.ZodTypeAny, unknown> = lambdaOperations[name];
    registry.register({
      service: "lambda",
      name,
      input: operation.input,
      handler: (ctx, input) => operation.handler(prisma(), ctx, input),
      resourceArn: (ctx, input: Record<string, unknown>, output) => auditArn(ctx, input, output),
      protocols: { restJson1: ROUTES[name] },
    });
  }
  registerInvokeOperations(registry);
  // GetFunction's Code.Location and GetLayerVersion's Content.Location: presigned, so no SigV4.
  registry.registerPublicRoute({
    method: "GET",
    path: CODE_LOCATION_PATH,
    async handle(req) {
      const id = req.pathParams.Id ?? "";
      const check = verifyCodeLocation(id, req.query);
      // The console's Code tab downloads the package from another origin: the signature is the
      // credential, so any origin may read the answer (as with an S3 bucket's CORS rule).
      const cors = (res: RestResponse): RestResponse => ({ ...res, headers: { ...res.headers, "access-control-allow-origin": "*" } });
      if (!check.ok) return cors(s3Error(403, "AccessDenied", check.reason === "expired" ? "Request has expired" : "Invalid signature"));
      const zip = await findCodeZip(prisma(), check.sha256);
      if (!zip) return cors(s3Error(404, "NoSuchKey", "The specified key does not exist."));
      return cors({ status: 200, headers: { "content-type": "application/zip" }, body: zip });
    },
  });
}
