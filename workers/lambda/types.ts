// The execution engine's public shapes: what the control plane hands it and what an invocation returns.
import type { LogEvent } from "./logs";

export type LambdaRuntime = "nodejs20.x" | "nodejs22.x" | "python3.11" | "python3.12" | "provided.al2023";

export interface FunctionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface FunctionRuntimeConfig {
  /**
   * Identity of the code and configuration a context was started with (function ARN + version + config hash).
   * A context only ever serves invocations with the same key; `retire` matches on its prefix.
   */
  contextKey: string;
  accountId: string;
  region: string;
  functionName: string;
  /** `$LATEST` or a published version number. */
  functionVersion: string;
  runtime: LambdaRuntime;
  handler: string;
  /** MB, 128–10240. */
  memorySize: number;
  /** Seconds, 1–900. */
  timeout: number;
  /** MB of the per-context temporary directory, 512–10240. */
  ephemeralStorageSize: number;
  environment: Record<string, string>;
  /** Extracted code (from `codeDir`). */
  codeDir: string;
  /** Extracted layers in the function's layer order (from `layerDir`). */
  layerDirs: string[];
  logGroupName: string;
  /** Where the AWS SDK inside the function sends its requests (the gateway). */
  endpointUrl: string;
  /** Temporary credentials of the execution role; called once per new context. */
  credentials(): Promise<FunctionCredentials>;
}

export interface InvokeRequest {
  requestId: string;
  /** The event; an empty payload is delivered as `{}` like Lambda does. */
  payload: Buffer;
  invokedFunctionArn: string;
  /** Client context JSON (already base64-decoded). */
  clientContext?: string;
  /** Cognito identity JSON: `{"cognitoIdentityId":…,"cognitoIdentityPoolId":…}`. */
  cognitoIdentity?: string;
  /** X-Ray trace header; one is generated when absent, as Lambda does. */
  traceId?: string;
  /**
   * Called as soon as the runtime has posted the invocation's response or error (within the memory and
   * storage limits), before it asks for its next event: a waiting caller can have the answer while the
   * invocation's report is still being completed. The full result follows from `invoke`.
   */
  onResponse?: (response: EarlyResponse) => void;
}

/** What the runtime posted, as the caller will see it. */
export interface EarlyResponse {
  payload: Buffer;
  functionError?: "Unhandled";
}

export interface InvocationResult {
  requestId: string;
  /** The function's response, or the error document when `functionError` is set. */
  payload: Buffer;
  functionError?: "Unhandled";
  errorType?: string;
  logStreamName: string;
  /** In order, with START/END/REPORT; output printed during init comes first on a cold start. */
  logEvents: LogEvent[];
  /** The last 4 KB of the log text, for `LogType=Tail` (base64 it for X-Amz-Log-Result). */
  logTail: string;
  durationMs: number;
  billedDurationMs: number;
  /** Only on a cold start whose init succeeded. */
  initDurationMs?: number;
  maxMemoryUsedMB: number;
  memorySize: number;
  coldStart: boolean;
  timedOut: boolean;
  outOfMemory: boolean;
}
