/**
 * Operation inputs in AWS's shapes, shared by the gateway and tRPC. They check types and presence
 * only; lengths, ranges and patterns are the domain's (validation.ts), so every caller gets AWS's
 * ValidationException wording.
 */
import { z } from "zod";

/** A blob member: base64 in JSON. */
const Blob = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s), "must be base64")
  .transform((s) => Buffer.from(s, "base64"));

const StringMap = z.record(z.string(), z.string());
const FunctionName = z.string();
const Qualifier = z.string().optional();
const Paging = { Marker: z.string().optional(), MaxItems: z.number().int().optional() };

export const FunctionCode = z.object({
  ZipFile: Blob.optional(),
  S3Bucket: z.string().optional(),
  S3Key: z.string().optional(),
  S3ObjectVersion: z.string().optional(),
  ImageUri: z.string().optional(),
});

const Configuration = {
  Role: z.string().optional(),
  Handler: z.string().optional(),
  Runtime: z.string().optional(),
  Description: z.string().optional(),
  Timeout: z.number().int().optional(),
  MemorySize: z.number().int().optional(),
  Environment: z.object({ Variables: StringMap.optional() }).optional(),
  DeadLetterConfig: z.object({ TargetArn: z.string().optional() }).optional(),
  TracingConfig: z.object({ Mode: z.string().optional() }).optional(),
  Layers: z.array(z.string()).optional(),
  EphemeralStorage: z.object({ Size: z.number().int() }).optional(),
  LoggingConfig: z
    .object({
      LogFormat: z.string().optional(),
      ApplicationLogLevel: z.string().optional(),
      SystemLogLevel: z.string().optional(),
      LogGroup: z.string().optional(),
    })
    .optional(),
  SnapStart: z.object({ ApplyOn: z.string().optional() }).optional(),
  RevisionId: z.string().optional(),
};

const Destination = z.object({ Destination: z.string().optional() }).optional();
const EventInvokeConfig = {
  FunctionName,
  Qualifier,
  MaximumRetryAttempts: z.number().int().optional(),
  MaximumEventAgeInSeconds: z.number().int().optional(),
  DestinationConfig: z.object({ OnSuccess: Destination, OnFailure: Destination }).optional(),
};

const AliasFields = {
  FunctionName,
  Name: z.string(),
  Description: z.string().optional(),
  RoutingConfig: z.object({ AdditionalVersionWeights: z.record(z.string(), z.number()).optional() }).optional(),
};

/** Settings an event source mapping's Create and Update share. */
const MappingSettings = {
  Enabled: z.boolean().optional(),
  BatchSize: z.number().int().optional(),
  FilterCriteria: z.object({ Filters: z.array(z.object({ Pattern: z.string().optional() })).optional() }).optional(),
  MaximumBatchingWindowInSeconds: z.number().int().optional(),
  FunctionResponseTypes: z.array(z.string()).optional(),
  ScalingConfig: z.object({ MaximumConcurrency: z.number().int().optional() }).optional(),
  // Stream sources' settings (an SQS mapping refuses them, as AWS does).
  ParallelizationFactor: z.number().int().optional(),
  DestinationConfig: z.object({ OnSuccess: Destination, OnFailure: Destination }).optional(),
  MaximumRecordAgeInSeconds: z.number().int().optional(),
  BisectBatchOnFunctionError: z.boolean().optional(),
  MaximumRetryAttempts: z.number().int().optional(),
  TumblingWindowInSeconds: z.number().int().optional(),
};

const LayerVersionFilter = { CompatibleRuntime: z.string().optional(), CompatibleArchitecture: z.string().optional() };

export const LambdaSchemas = {
  CreateFunction: z.object({
    FunctionName,
    ...Configuration,
    Role: z.string(),
    Code: FunctionCode,
    Publish: z.boolean().optional(),
    PackageType: z.string().optional(),
    Tags: StringMap.optional(),
    Architectures: z.array(z.string()).optional(),
  }),
  GetFunction: z.object({ FunctionName, Qualifier }),
  GetFunctionConfiguration: z.object({ FunctionName, Qualifier }),
  UpdateFunctionCode: z.object({
    FunctionName,
    ZipFile: Blob.optional(),
    S3Bucket: z.string().optional(),
    S3Key: z.string().optional(),
    S3ObjectVersion: z.string().optional(),
    ImageUri: z.string().optional(),
    Architectures: z.array(z.string()).optional(),
    Publish: z.boolean().optional(),
    DryRun: z.boolean().optional(),
    RevisionId: z.string().optional(),
  }),
  UpdateFunctionConfiguration: z.object({ FunctionName, ...Configuration }),
  DeleteFunction: z.object({ FunctionName, Qualifier }),
  ListFunctions: z.object({ MasterRegion: z.string().optional(), FunctionVersion: z.string().optional(), ...Paging }),
  PublishVersion: z.object({
    FunctionName,
    CodeSha256: z.string().optional(),
    Description: z.string().optional(),
    RevisionId: z.string().optional(),
  }),
  ListVersionsByFunction: z.object({ FunctionName, ...Paging }),
  CreateAlias: z.object({ ...AliasFields, FunctionVersion: z.string() }),
  GetAlias: z.object({ FunctionName, Name: z.string() }),
  UpdateAlias: z.object({ ...AliasFields, FunctionVersion: z.string().optional(), RevisionId: z.string().optional() }),
  DeleteAlias: z.object({ FunctionName, Name: z.string() }),
  ListAliases: z.object({ FunctionName, FunctionVersion: z.string().optional(), ...Paging }),
  PutFunctionConcurrency: z.object({ FunctionName, ReservedConcurrentExecutions: z.number().int() }),
  GetFunctionConcurrency: z.object({ FunctionName }),
  DeleteFunctionConcurrency: z.object({ FunctionName }),
  PutProvisionedConcurrencyConfig: z.object({ FunctionName, Qualifier: z.string(), ProvisionedConcurrentExecutions: z.number().int() }),
  GetProvisionedConcurrencyConfig: z.object({ FunctionName, Qualifier: z.string() }),
  DeleteProvisionedConcurrencyConfig: z.object({ FunctionName, Qualifier: z.string() }),
  ListProvisionedConcurrencyConfigs: z.object({ FunctionName, ...Paging }),
  PutFunctionEventInvokeConfig: z.object(EventInvokeConfig),
  UpdateFunctionEventInvokeConfig: z.object(EventInvokeConfig),
  GetFunctionEventInvokeConfig: z.object({ FunctionName, Qualifier }),
  DeleteFunctionEventInvokeConfig: z.object({ FunctionName, Qualifier }),
  ListFunctionEventInvokeConfigs: z.object({ FunctionName, ...Paging }),
  PublishLayerVersion: z.object({
    LayerName: z.string(),
    Description: z.string().optional(),
    Content: FunctionCode.omit({ ImageUri: true }),
    CompatibleRuntimes: z.array(z.string()).optional(),
    CompatibleArchitectures: z.array(z.string()).optional(),
    LicenseInfo: z.string().optional(),
  }),
  ListLayers: z.object({ ...LayerVersionFilter, ...Paging }),
  ListLayerVersions: z.object({ LayerName: z.string(), ...LayerVersionFilter, ...Paging }),
  GetLayerVersion: z.object({ LayerName: z.string(), VersionNumber: z.number().int() }),
  GetLayerVersionByArn: z.object({ Arn: z.string() }),
  DeleteLayerVersion: z.object({ LayerName: z.string(), VersionNumber: z.number().int() }),
  AddPermission: z.object({
    FunctionName,
    StatementId: z.string(),
    Action: z.string(),
    Principal: z.string(),
    SourceArn: z.string().optional(),
    SourceAccount: z.string().optional(),
    EventSourceToken: z.string().optional(),
    Qualifier,
    RevisionId: z.string().optional(),
    PrincipalOrgID: z.string().optional(),
    FunctionUrlAuthType: z.string().optional(),
  }),
  RemovePermission: z.object({ FunctionName, StatementId: z.string(), Qualifier, RevisionId: z.string().optional() }),
  GetPolicy: z.object({ FunctionName, Qualifier }),
  TagResource: z.object({ Resource: z.string(), Tags: StringMap }),
  UntagResource: z.object({ Resource: z.string(), TagKeys: z.array(z.string()) }),
  ListTags: z.object({ Resource: z.string() }),
  GetAccountSettings: z.object({}),
  CreateEventSourceMapping: z.object({
    FunctionName,
    EventSourceArn: z.string().optional(),
    ...MappingSettings,
    StartingPosition: z.string().optional(),
    StartingPositionTimestamp: z.number().optional(),
  }),
  GetEventSourceMapping: z.object({ UUID: z.string() }),
  UpdateEventSourceMapping: z.object({ UUID: z.string(), FunctionName: z.string().optional(), ...MappingSettings }),
  DeleteEventSourceMapping: z.object({ UUID: z.string() }),
  ListEventSourceMappings: z.object({ EventSourceArn: z.string().optional(), FunctionName: z.string().optional(), ...Paging }),
} as const;

/** The console's inline editor: files to zip, instead of a base64 ZipFile (tRPC only). */
export const InlineFiles = z
  .array(z.object({ path: z.string().min(1).max(1024), content: z.string(), executable: z.boolean().optional() }))
  .min(1)
  .max(1000);

export type LambdaInput<K extends keyof typeof LambdaSchemas> = z.output<(typeof LambdaSchemas)[K]>;
