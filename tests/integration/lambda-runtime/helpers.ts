// Builds function code as .zip files (fflate), extracts them through the code cache and invokes them in an
// ExecutionPool, the way the Lambda worker does.
import assert from "node:assert/strict";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { strToU8, zipSync, type Zippable } from "fflate";
import { codeDir, type ExecutionPool, type FunctionRuntimeConfig, type InvocationResult, type LambdaRuntime } from "../../../workers/lambda";

export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";

export interface FileSpec {
  content: string | Uint8Array;
  /** Unix mode stored in the archive (default 0o644). */
  mode?: number;
}

/** A .zip made on Unix, so modes (the executable bit of `bootstrap`) are kept. */
export function makeZip(files: Record<string, string | FileSpec>): Buffer {
  const entries: Zippable = {};
  for (const [name, spec] of Object.entries(files)) {
    const file = typeof spec === "string" ? { content: spec } : spec;
    const data = typeof file.content === "string" ? strToU8(file.content) : file.content;
    entries[name] = [data, { os: 3, attrs: (0o100000 | (file.mode ?? 0o644)) << 16 }];
  }
  return Buffer.from(zipSync(entries));
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Extracted code for these files. */
export async function deploy(files: Record<string, string | FileSpec>): Promise<string> {
  const zip = makeZip(files);
  return codeDir(sha256(zip), async () => zip);
}

export function functionConfig(
  runtime: LambdaRuntime,
  handler: string,
  code: string,
  overrides: Partial<FunctionRuntimeConfig> = {},
): FunctionRuntimeConfig {
  const functionName = overrides.functionName ?? `fn-${randomBytes(4).toString("hex")}`;
  return {
    contextKey: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}:$LATEST#${randomBytes(4).toString("hex")}`,
    accountId: ACCOUNT_ID,
    region: REGION,
    functionName,
    functionVersion: "$LATEST",
    runtime,
    handler,
    memorySize: 128,
    timeout: 3,
    ephemeralStorageSize: 512,
    environment: {},
    codeDir: code,
    layerDirs: [],
    logGroupName: `/aws/lambda/${functionName}`,
    endpointUrl: "http://127.0.0.1:4566",
    credentials: async () => ({ accessKeyId: "ASIATESTKEY", secretAccessKey: "test-secret", sessionToken: "test-session-token" }),
    ...overrides,
  };
}

export function invoke(pool: ExecutionPool, config: FunctionRuntimeConfig, event: unknown = {}, extra: { clientContext?: string; cognitoIdentity?: string } = {}): Promise<InvocationResult> {
  return pool.invoke(config, {
    requestId: randomUUID(),
    payload: Buffer.from(JSON.stringify(event)),
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${config.functionName}`,
    ...extra,
  });
}

export function json<T = Record<string, unknown>>(result: InvocationResult): T {
  return JSON.parse(result.payload.toString("utf8")) as T;
}

/** Log messages of an invocation, in order. */
export function messages(result: InvocationResult): string[] {
  return result.logEvents.map((e) => e.message);
}

export function reportLine(result: InvocationResult): string {
  const line = messages(result).find((m) => m.startsWith("REPORT RequestId: "));
  assert.ok(line, `no REPORT line in ${JSON.stringify(messages(result))}`);
  return line;
}

