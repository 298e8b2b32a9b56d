/**
 * Lambda operations as IAM actions. Functions are `arn:aws:lambda:<region>:<account>:function:<name>`,
 * with `:<qualifier>` when a version or alias is addressed; Invoke is authorised as lambda:InvokeFunction.
 */
import type { ActionEntry, InputReader, RequestScope } from "../iam/authorization/request-actions";
import { functionArn, layerArn, layerVersionArn, type LayerVersionRef, parseFunctionRef, parseLayerArn } from "./arns";
import { eventSourceMappingArn } from "./event-source-mappings/model";
import type { LambdaOperationName } from "./operations";

/** The function a FunctionName (a name, `name:qualifier`, a partial or a full ARN) and Qualifier address. */
function functionOf(input: InputReader, scope: RequestScope): string | null {
  const name = input.string("FunctionName");
  const ref = name === null ? undefined : parseFunctionRef(name);
  if (!ref) return null;
  return functionArn(ref.region ?? scope.region, ref.accountId ?? scope.accountId, ref.name, input.string("Qualifier") ?? ref.qualifier);
}

/** A LayerName is a name in the caller's account and region, or a layer ARN. */
function layerOf(input: InputReader, scope: RequestScope): LayerVersionRef | null {
  const name = input.string("LayerName");
  if (name === null) return null;
  return name.startsWith("arn:") ? (parseLayerArn(name) ?? null) : { region: scope.region, accountId: scope.accountId, name };
}

function layerVersionOf(input: InputReader, scope: RequestScope): string | null {
  const layer = layerOf(input, scope);
  const version = input.number("VersionNumber");
  return layer && version !== null ? layerVersionArn(layer.region, layer.accountId, layer.name, version) : null;
}

function mappingOf(input: InputReader, scope: RequestScope): string | null {
  const uuid = input.string("UUID");
  return uuid && eventSourceMappingArn(scope.region, scope.accountId, uuid);
}

const onFunction: ActionEntry = { resource: functionOf };
const onLayerVersion: ActionEntry = { resource: layerVersionOf };
const onMapping: ActionEntry = { resource: mappingOf };
const onTagged: ActionEntry = { resource: "Resource" };

export const lambdaActions = {
  CreateFunction: onFunction,
  GetFunction: onFunction,
  GetFunctionConfiguration: onFunction,
  UpdateFunctionCode: onFunction,
  UpdateFunctionConfiguration: onFunction,
  DeleteFunction: onFunction,
  ListFunctions: {},
  PublishVersion: onFunction,
  ListVersionsByFunction: onFunction,
  CreateAlias: onFunction,
  GetAlias: onFunction,
  UpdateAlias: onFunction,
  DeleteAlias: onFunction,
  ListAliases: onFunction,
  PutFunctionConcurrency: onFunction,
  GetFunctionConcurrency: onFunction,
  DeleteFunctionConcurrency: onFunction,
  PutProvisionedConcurrencyConfig: onFunction,
  GetProvisionedConcurrencyConfig: onFunction,
  DeleteProvisionedConcurrencyConfig: onFunction,
  ListProvisionedConcurrencyConfigs: onFunction,
  PutFunctionEventInvokeConfig: onFunction,
  GetFunctionEventInvokeConfig: onFunction,
  UpdateFunctionEventInvokeConfig: onFunction,
  DeleteFunctionEventInvokeConfig: onFunction,
  ListFunctionEventInvokeConfigs: onFunction,
  // A mapping has no ARN before it exists: AWS defines creating one on `*`, narrowed by the lambda:FunctionArn condition.
  CreateEventSourceMapping: {},
  GetEventSourceMapping: onMapping,
  UpdateEventSourceMapping: onMapping,
  DeleteEventSourceMapping: onMapping,
  ListEventSourceMappings: {},
  PublishLayerVersion: {
    resource: (input, scope) => {
      const layer = layerOf(input, scope);
      return layer && layerArn(layer.region, layer.accountId, layer.name);
    },
  },
  ListLayers: {},
  ListLayerVersions: {},
  GetLayerVersion: onLayerVersion,
  GetLayerVersionByArn: { action: "GetLayerVersion", resource: "Arn" },
  DeleteLayerVersion: onLayerVersion,
  AddPermission: onFunction,
  RemovePermission: onFunction,
  GetPolicy: onFunction,
  TagResource: onTagged,
  UntagResource: onTagged,
  ListTags: onTagged,
  GetAccountSettings: {},
  Invoke: { action: "InvokeFunction", resource: functionOf },
  // The deprecated API keeps an action of its own.
  InvokeAsync: onFunction,
} satisfies Record<LambdaOperationName | "Invoke" | "InvokeAsync", ActionEntry>;
