/** FunctionConfiguration as AWS returns it, in the variants its operations differ in. */
import { sha256Hex } from "../../lib/secrets";
import { environmentOf, lambdaDate, loggingConfigOf, type FunctionConfiguration, type FunctionRow, type VersionRow } from "./model";

/**
 * What the operation reports about state: a Get (the stored state), a create or publish (AWS answers
 * `Pending` before the version is ready), an update (`LastUpdateStatus: InProgress`), or a list
 * entry (no state members at all).
 */
export type ConfigurationView = "get" | "created" | "updated" | "list";

const CREATING = { reason: "The function is being created.", code: "Creating" };

/** A stable identifier per runtime, standing in for AWS's runtime build ARN. */
function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${sha256Hex(`stratus-runtime:${runtime}`)}`;
}

function stateMembers(version: VersionRow, view: ConfigurationView): Partial<FunctionConfiguration> {
  switch (view) {
    case "list":
      return {};
    case "created":
      return { State: "Pending", StateReason: CREATING.reason, StateReasonCode: CREATING.code };
    case "updated":
      return {
        State: version.state,
        LastUpdateStatus: "InProgress",
        LastUpdateStatusReason: CREATING.reason,
        LastUpdateStatusReasonCode: CREATING.code,
      };
    case "get":
      return { State: version.state, LastUpdateStatus: version.lastUpdateStatus };
  }
}

export function functionConfiguration(fn: FunctionRow, version: VersionRow, arn: string, view: ConfigurationView = "get"): FunctionConfiguration {
  const environment = version.environment === null ? undefined : { Variables: environmentOf(version) };
  return {
    FunctionName: fn.name,
    FunctionArn: arn,
    Runtime: version.runtime,
    Role: version.role,
    Handler: version.handler,
    CodeSize: version.codeSize,
    Description: version.description,
    Timeout: version.timeout,
    MemorySize: version.memorySize,
    LastModified: lambdaDate(version.lastModified),
    CodeSha256: version.codeSha256,
    Version: version.version,
    ...(environment && { Environment: environment }),
    ...(version.deadLetterTargetArn && { DeadLetterConfig: { TargetArn: version.deadLetterTargetArn } }),
    TracingConfig: { Mode: version.tracingMode },
    RevisionId: version.revisionId,
    ...(version.layers.length > 0 && { Layers: version.layers.map((l) => ({ Arn: l.layerVersionArn, CodeSize: l.codeSize })) }),
    ...stateMembers(version, view),
    PackageType: "Zip",
    Architectures: version.architectures,
    EphemeralStorage: { Size: version.ephemeralStorageSize },
    SnapStart: {
      ApplyOn: version.snapStartApplyOn,
      // AWS optimises only published versions, and only when SnapStart applies to them.
      OptimizationStatus: version.snapStartApplyOn === "PublishedVersions" && version.version !== "$LATEST" ? "On" : "Off",
    },
    ...(view !== "list" && { RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(fn.region, version.runtime) } }),
    LoggingConfig: loggingConfigOf(version),
  };
}
