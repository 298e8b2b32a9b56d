// The Lambda execution engine: runs function code in separate processes that speak the Lambda Runtime API.
// It holds no database state; the control plane supplies each function's configuration and extracted code.
export { codeDir, layerDir, lambdaDataDir } from "./code-cache";
export { describeRuntime } from "./launch";
export type { LogEvent } from "./logs";
export { ExecutionPool, PoolCapacityError, type PoolOptions, type PoolStats } from "./pool";
export { MAX_PAYLOAD_BYTES } from "./runtime-api";
export type { FunctionCredentials, FunctionRuntimeConfig, InvocationResult, InvokeRequest, LambdaRuntime } from "./types";
export { CodeArchiveError, inspectZip, MAX_UNZIPPED_BYTES } from "./zip-archive";
