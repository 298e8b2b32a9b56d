/** Lambda's stored rows and the AWS shapes the API returns for them. */
import type { LambdaFunction, LambdaVersion, LambdaVersionLayer } from "../../db/generated/client";

export type FunctionRow = LambdaFunction;
/** A function configuration ($LATEST or a published version) with its layers in order. */
export type VersionRow = LambdaVersion & { layers: LambdaVersionLayer[] };

export interface LoggingConfig {
  /** Text | JSON */
  LogFormat: string;
  LogGroup: string;
  ApplicationLogLevel?: string;
  SystemLogLevel?: string;
}

/** AWS's FunctionConfiguration (the members Stratus reports). */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  DeadLetterConfig?: { TargetArn: string };
  TracingConfig: { Mode: string };
  RevisionId: string;
  Layers?: { Arn: string; CodeSize: number }[];
  State?: string;
  StateReason?: string;
  StateReasonCode?: string;
  LastUpdateStatus?: string;
  LastUpdateStatusReason?: string;
  LastUpdateStatusReasonCode?: string;
  PackageType: "Zip";
  Architectures: string[];
  EphemeralStorage: { Size: number };
  SnapStart: { ApplyOn: string; OptimizationStatus: "On" | "Off" };
  RuntimeVersionConfig?: { RuntimeVersionArn: string };
  LoggingConfig: LoggingConfig;
}

/** AWS's timestamp format for LastModified and CreatedDate: `2024-01-01T00:00:00.000+0000`. */
export function lambdaDate(date: Date): string {
  return date.toISOString().replace("Z", "+0000");
}

export function environmentOf(version: Pick<LambdaVersion, "environment">): Record<string, string> {
  return (version.environment as Record<string, string> | null) ?? {};
}

export function loggingConfigOf(version: Pick<LambdaVersion, "loggingConfig">): LoggingConfig {
  return version.loggingConfig as unknown as LoggingConfig;
}
