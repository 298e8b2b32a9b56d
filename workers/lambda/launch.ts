// How an execution context's process is started: which binary, which flags, and an environment built from
// scratch with what Lambda sets. Nothing of the worker's own environment (database URL, secrets) is passed on.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { packageScopeFile } from "./code-cache";
import type { FunctionCredentials, FunctionRuntimeConfig, LambdaRuntime } from "./types";

const RUNTIMES_DIR = fileURLToPath(new URL("./runtimes/", import.meta.url));
/** The project's node_modules: the AWS SDK for JavaScript v3 that Node functions can require, as on Lambda. */
const PROJECT_MODULES = path.resolve(RUNTIMES_DIR, "../../../node_modules");

/** A runtime that cannot start; `errorType` and `message` are what Lambda reports for it. */
export class EntrypointError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

type Family = "nodejs" | "python" | "provided";

export function runtimeFamily(runtime: LambdaRuntime): Family {
  if (runtime.startsWith("nodejs")) return "nodejs";
  if (runtime.startsWith("python")) return "python";
  return "provided";
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Kills the runtime if the worker dies, so a crashed worker leaves no orphaned (possibly frozen) runtimes. */
const SETPRIV = findOnPath("setpriv");

let pythonBinary: Promise<{ executable: string; version: string }> | undefined;
/** The machine's python3, resolved past wrappers such as pyenv shims (they need a HOME we do not pass). */
function python(): Promise<{ executable: string; version: string }> {
  pythonBinary ??= promisify(execFile)("python3", ["-c", "import sys, platform; print(sys.executable); print(platform.python_version())"]).then(
    ({ stdout }) => {
      const [executable, version] = stdout.trim().split("\n");
      if (!executable || !version) throw new Error("python3 did not report its executable");
      return { executable, version };
    },
  );
  return pythonBinary;
}

/** Which binary serves a runtime label on this machine (for the console). */
export async function describeRuntime(runtime: LambdaRuntime): Promise<{ binary: string; version: string }> {
  const family = runtimeFamily(runtime);
  if (family === "nodejs") return { binary: process.execPath, version: process.versions.node };
  if (family === "python") {
    const { executable, version } = await python();
    return { binary: executable, version };
  }
  return { binary: "bootstrap (from the function's code or a layer)", version: "custom" };
}

/** `INIT_START`'s runtime version and its ARN, derived from the binary that serves the label. */
export async function runtimeVersion(runtime: LambdaRuntime, region: string): Promise<{ version: string; arn: string }> {
  const { version } = await describeRuntime(runtime);
  // nodejs20.x → nodejs:20, python3.12 → python:3.12, provided.al2023 → provided:al2023
  const label = runtime.replace(/\.x$/, "").replace(/^(nodejs|python|provided)\.?/, "$1:");
  const name = `${label}.v${version}`;
  return { version: name, arn: `arn:aws:lambda:${region}::runtime:${createHash("sha256").update(name).digest("hex")}` };
}

export interface LaunchInput {
  config: FunctionRuntimeConfig;
  credentials: FunctionCredentials;
  logStreamName: string;
  runtimeApi: string;
  tmpDir: string;
  initializationType: "on-demand" | "provisioned-concurrency";
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Whether fd 3 carries framed log records (`_LAMBDA_TELEMETRY_LOG_FD`), as for Lambda's managed runtimes. */
  telemetry: boolean;
  /** Things the function asked for that the sandbox refused, for the init log. */
  notices: string[];
}

// Variables that would let Node code load native code or write files outside the permission model's reach.
const NODE_UNSAFE_VARIABLE = /^(LD_|OPENSSL_|NODE_V8_COVERAGE$|NODE_REDIRECT_WARNINGS$|NODE_REPL_|NODE_ICU_DATA$|NODE_COMPILE_CACHE$|NODE_DEBUG_NATIVE$)/;

// NODE_OPTIONS may carry only these: anything else could lift the permission model (--allow-fs-read=*),
// open a debugger, or write files where the function may not.
const NODE_OPTIONS_ALLOWED = new Set([
  "--enable-source-maps",
  "--no-deprecation",
  "--throw-deprecation",
  "--trace-deprecation",
  "--pending-deprecation",
  "--trace-warnings",
  "--no-warnings",
  "--disable-warning",
  "--trace-uncaught",
  "--unhandled-rejections",
  "--max-old-space-size",
  "--max-semi-space-size",
  "--stack-size",
  "--stack-trace-limit",
  "--require",
  "-r",
  "--import",
  "--experimental-vm-modules",
  "--experimental-require-module",
  "--dns-result-order",
  "--use-openssl-ca",
  "--use-bundled-ca",
  "--expose-gc",
  "--tls-min-v1.2",
  "--tls-min-v1.3",
  "--tls-max-v1.2",
  "--tls-max-v1.3",
]);
const NODE_OPTIONS_WITH_VALUE = new Set(["--disable-warning", "--unhandled-rejections", "--max-old-space-size", "--max-semi-space-size", "--stack-size", "--stack-trace-limit", "--require", "-r", "--import", "--dns-result-order"]);

export function sanitizeNodeOptions(value: string): { options: string; refused: string[] } {
  const tokens = value.trim().split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  const refused: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const name = token.split("=")[0]!;
    const takesNext = !token.includes("=") && i + 1 < tokens.length && !tokens[i + 1]!.startsWith("-");
    if (NODE_OPTIONS_ALLOWED.has(name)) {
      kept.push(token);
      if (NODE_OPTIONS_WITH_VALUE.has(name) && takesNext) kept.push(tokens[++i]!);
    } else {
      refused.push(token);
      if (takesNext) i++;
    }
  }
  return { options: kept.join(" "), refused };
}

function nodeMajor(runtime: LambdaRuntime): string {
  return runtime.replace(/^nodejs(\d+)\.x$/, "$1");
}

/** What Lambda sets that the function may override (PATH, LANG, TZ, NODE_PATH, PYTHONPATH, …). */
function unreservedDefaults(input: LaunchInput, family: Family): Record<string, string> {
  const { config } = input;
  // Later layers win on Lambda (they are extracted over earlier ones into /opt), so they come first here.
  const layers = [...config.layerDirs].reverse();
  const env: Record<string, string> = {
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    PATH: [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin", ...layers.map((l) => `${l}/bin`)].join(":"),
  };
  if (family === "nodejs") {
    const major = nodeMajor(config.runtime);
    env.NODE_PATH = [
      ...layers.flatMap((l) => [`${l}/nodejs/node${major}/node_modules`, `${l}/nodejs/node_modules`]),
      PROJECT_MODULES,
      path.join(RUNTIMES_DIR, "nodejs"),
      config.codeDir,
    ].join(":");
  } else {
    // Node would load these libraries into a process that the permission model is meant to confine.
    env.LD_LIBRARY_PATH = [config.codeDir, `${config.codeDir}/lib`, ...layers.map((l) => `${l}/lib`)].join(":");
  }
  if (family === "python") {
    const version = config.runtime.replace(/^python/, "");
    env.PYTHONPATH = [...layers.flatMap((l) => [`${l}/python/lib/python${version}/site-packages`, `${l}/python`]), path.join(RUNTIMES_DIR, "python")].join(":");
  }
  return env;
}

function functionVariables(config: FunctionRuntimeConfig, family: Family, notices: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.environment)) {
    if (family === "nodejs" && NODE_UNSAFE_VARIABLE.test(key)) {
      notices.push(`environment variable ${key} is not passed to Node.js functions`);
      continue;
    }
    if (family === "nodejs" && key === "NODE_OPTIONS") {
      const { options, refused } = sanitizeNodeOptions(value);
      if (refused.length) notices.push(`NODE_OPTIONS flags not allowed in the sandbox were dropped: ${refused.join(" ")}`);
      if (options) env.NODE_OPTIONS = options;
      continue;
    }
    env[key] = value;
  }
  return env;
}

function platformVariables(input: LaunchInput, family: Family): Record<string, string> {
  const { config, credentials } = input;
  const env: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: input.initializationType,
    AWS_LAMBDA_RUNTIME_API: input.runtimeApi,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_ENDPOINT_URL: config.endpointUrl,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    LAMBDA_TASK_ROOT: config.codeDir,
    LAMBDA_RUNTIME_DIR: family === "provided" ? RUNTIMES_DIR : path.join(RUNTIMES_DIR, family),
    _HANDLER: config.handler,
    TMPDIR: input.tmpDir,
  };
  if (family !== "provided") {
    env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
    env._LAMBDA_TELEMETRY_LOG_FD = "3";
  }
  return env;
}

async function customBootstrap(config: FunctionRuntimeConfig): Promise<string> {
  for (const dir of [config.codeDir, ...config.layerDirs]) {
    const candidate = path.join(dir, "bootstrap");
    if (!existsSync(candidate)) continue;
    try {
      await access(candidate, constants.X_OK);
    } catch {
      throw new EntrypointError("Runtime.InvalidEntrypoint", `fork/exec ${dir === config.codeDir ? "/var/task" : "/opt"}/bootstrap: permission denied`);
    }
    return candidate;
  }
  throw new EntrypointError("Runtime.InvalidEntrypoint", "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]");
}

function nodeArgs(input: LaunchInput): string[] {
  const { config } = input;
  const readable = [config.codeDir, ...config.layerDirs, path.join(RUNTIMES_DIR, "nodejs"), input.tmpDir, packageScopeFile()];
  if (existsSync(PROJECT_MODULES)) readable.push(PROJECT_MODULES);
  return [
    "--experimental-permission",
    "--disable-warning=ExperimentalWarning",
    ...readable.map((dir) => `--allow-fs-read=${dir}`),
    `--allow-fs-write=${input.tmpDir}`,
    // Lambda's own flags for its Node runtime; the heap gets 90% of the function's memory.
    "--expose-gc",
    "--max-http-header-size=81920",
    `--max-old-space-size=${Math.floor(config.memorySize * 0.9)}`,
    path.join(RUNTIMES_DIR, "nodejs", "bootstrap.mjs"),
  ];
}

export async function launchSpec(input: LaunchInput): Promise<LaunchSpec> {
  const family = runtimeFamily(input.config.runtime);
  const notices: string[] = [];
  const env = { ...unreservedDefaults(input, family), ...functionVariables(input.config, family, notices), ...platformVariables(input, family) };
  let command: string;
  let args: string[];
  if (family === "nodejs") {
    command = process.execPath;
    args = nodeArgs(input);
  } else if (family === "python") {
    command = (await python()).executable;
    // -B: the code directory is shared by every context running this code, so nothing is written into it.
    args = ["-B", path.join(RUNTIMES_DIR, "python", "bootstrap.py")];
  } else {
    command = await customBootstrap(input.config);
    args = [];
  }
  if (SETPRIV) {
    args = ["--pdeathsig", "KILL", "--", command, ...args];
    command = SETPRIV;
  }
  return { command, args, env, telemetry: family !== "provided", notices };
}
