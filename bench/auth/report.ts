/** Renders the auth benchmark's results: a console table and the bench/README.md section. */
import { cpuTableRows } from "../lib/cpu";
import {
  type ComparisonRow,
  consoleComparison,
  consoleCpuSections,
  consoleHeader,
  consoleTargets,
  markdownHeader,
  markdownResults,
  type RunInfo,
  type TargetRow,
} from "../lib/report";
import { fmt } from "../lib/stats";
import { cpuMsPerCall, type Throughput, type Timed } from "./measure";
import type { GatewayOverhead, InProcessAuthorization } from "./policy";
import type { JwtResult } from "./user-pools";

export interface TargetResults {
  passwordOneAtATime?: Timed;
  password?: Throughput;
  /** Stratus: the scrypt check alone, in this process. */
  scrypt?: Timed;
  srpOneAtATime?: Timed;
  srp?: Throughput;
  jwt?: JwtResult;
  /** GetCredentialsForIdentity for one existing identity, one call at a time. */
  credentialsOneAtATime?: Timed;
  /** GetId + GetCredentialsForIdentity from concurrent clients. */
  guests?: Throughput;
  /** Why a workload has no figures for this server, by workload. */
  unavailable: Record<string, string>;
  /** What else the run found out about this server. */
  notes: string[];
}

export interface AuthResults extends RunInfo {
  stratus: TargetResults;
  moto: TargetResults;
  /** Policy evaluation (Stratus only): through the gateway, and authorizeRequest in this process. */
  gateway?: GatewayOverhead;
  inProcess?: InProcessAuthorization;
}

export const GOALS = { policyP50Ms: 0.2 };

/** The processes of the CPU tables: this process is the client (`self`), `server` the server under test, whichever it is. */
const SHARED_NAMES = { postgres: "Postgres (all backends)", redis: "Redis", other: "everything else on the machine" };
export const CPU_NAMES = { self: "benchmark client (SDK calls; in the SRP windows also the client's SRP math)", server: "server under test (Stratus gateway or moto_server)", ...SHARED_NAMES };

/** A latency percentile in µs (the in-process figures), n/a for a measurement without successful calls. */
const us = (t: Timed | undefined, p: "p50" | "p99") => (t?.calls ? t.latency[p] * 1000 : undefined);
const ms = (t: Timed | undefined, p: "p50" | "p99") => (t?.calls ? t.latency[p] : undefined);

export function targets(r: AuthResults): TargetRow[] {
  const a = r.inProcess?.role;
  return [
    {
      name: `Policy evaluation p50 ≤ ${GOALS.policyP50Ms} ms per request (authorizeRequest in-process, warm caches, a role session with 3 managed + 2 inline policies)`,
      measured: a?.calls ? `${fmt(us(a, "p50"))} µs = ${fmt(a.latency.p50, 4)} ms (p99 ${fmt(us(a, "p99"))} µs)${a.errors ? `, ${a.errors} errors` : ""}` : "n/a",
      pass: a?.calls ? a.latency.p50 <= GOALS.policyP50Ms && a.errors === 0 : undefined,
    },
  ];
}

function rows(r: AuthResults): ComparisonRow[] {
  const n = (label: string, unit: string, pick: (t: TargetResults) => number | undefined): ComparisonRow => ({ label, unit, stratus: pick(r.stratus), moto: pick(r.moto) });
  const stratusOnly = (label: string, unit: string, value: number | undefined): ComparisonRow => ({ label, unit, stratus: value });
  const c = r.options.clients;
  const g = r.gateway;
  const p = r.inProcess;
  return [
    n("InitiateAuth USER_PASSWORD_AUTH, one at a time: p50", "ms", (t) => ms(t.passwordOneAtATime, "p50")),
    n("InitiateAuth USER_PASSWORD_AUTH, one at a time: p99", "ms", (t) => ms(t.passwordOneAtATime, "p99")),
    n(`InitiateAuth USER_PASSWORD_AUTH, ${c} clients`, "sign-ins/s", (t) => t.password?.perSecond),
    n(`InitiateAuth USER_PASSWORD_AUTH, ${c} clients: p50`, "ms", (t) => ms(t.password, "p50")),
    n(`InitiateAuth USER_PASSWORD_AUTH, ${c} clients: p99`, "ms", (t) => ms(t.password, "p99")),
    n(`InitiateAuth USER_PASSWORD_AUTH, ${c} clients: server CPU per sign-in`, "ms", (t) => cpuMsPerCall(t.password, "server")),
    stratusOnly("scrypt password check alone (N=2^15, r=8, p=1), in-process", "ms", ms(r.stratus.scrypt, "p50")),
    n("SRP sign-in (USER_SRP_AUTH → PASSWORD_VERIFIER), one at a time: p50", "ms", (t) => ms(t.srpOneAtATime, "p50")),
    n("SRP sign-in, one at a time: p99", "ms", (t) => ms(t.srpOneAtATime, "p99")),
    n(`SRP sign-in, ${c} clients`, "sign-ins/s", (t) => t.srp?.perSecond),
    n(`SRP sign-in, ${c} clients: client CPU per sign-in (SRP math in the benchmark process)`, "ms", (t) => cpuMsPerCall(t.srp, "self")),
    n(`SRP sign-in, ${c} clients: server CPU per sign-in`, "ms", (t) => cpuMsPerCall(t.srp, "server")),
    n("ID token verification in-process, jose (createLocalJWKSet + jwtVerify)", "verifications/s", (t) => t.jwt?.jose.perSecond),
    n("ID token verification, jose: p50", "µs", (t) => us(t.jwt?.jose, "p50")),
    n("ID token verification in-process, aws-jwt-verify (JwtRsaVerifier, JWKS cached)", "verifications/s", (t) => t.jwt?.awsJwtVerify.perSecond),
    n("ID token verification, aws-jwt-verify: p50", "µs", (t) => us(t.jwt?.awsJwtVerify, "p50")),
    n("GetCredentialsForIdentity, one at a time (an existing guest identity): p50", "ms", (t) => ms(t.credentialsOneAtATime, "p50")),
    n("GetCredentialsForIdentity, one at a time: p99", "ms", (t) => ms(t.credentialsOneAtATime, "p99")),
    n(`GetId + GetCredentialsForIdentity (a new guest identity each time), ${c} clients`, "credentials/s", (t) => t.guests?.perSecond),
    n(`GetId + GetCredentialsForIdentity, ${c} clients: p50`, "ms", (t) => ms(t.guests, "p50")),
    stratusOnly("SQS SendMessage through the gateway, team owner's key (no policy evaluation): p50", "ms", ms(g?.owner, "p50")),
    stratusOnly("SQS SendMessage through the gateway, role session (policies evaluated): p50", "ms", ms(g?.role, "p50")),
    stratusOnly("SQS SendMessage, team owner's key: p99", "ms", ms(g?.owner, "p99")),
    stratusOnly("SQS SendMessage, role session: p99", "ms", ms(g?.role, "p99")),
    stratusOnly("(a) Gateway overhead of policy evaluation: role session p50 − owner key p50", "ms", g?.owner.calls && g.role.calls ? g.role.latency.p50 - g.owner.latency.p50 : undefined),
    stratusOnly("(b) authorizeRequest in-process, role session (policy evaluation): p50", "µs", us(p?.role, "p50")),
    stratusOnly("(b) authorizeRequest in-process, role session: p99", "µs", us(p?.role, "p99")),
    stratusOnly("authorizeRequest in-process, team owner's key (team role only): p50", "µs", us(p?.owner, "p50")),
  ];
}

/** Why moto_server fails a workload, from its source (cognitoidp/models.py), after what it answered. */
const MOTO_WHY: Record<string, string> = {
  "SRP sign-in":
    "moto's USER_SRP_AUTH answers a random SRP_B and names the user by its sub in USER_ID_FOR_SRP, which amazon-cognito-identity-js sends back as USERNAME of the PASSWORD_VERIFIER answer, and moto then finds no such user; nor would it check the password claim: there is no SRP behind it",
};

/** Which workloads' measurements each server has, for the error notes. */
const measurements = (t: TargetResults): [string, Timed | undefined][] => [
  ["USER_PASSWORD_AUTH one at a time", t.passwordOneAtATime],
  ["USER_PASSWORD_AUTH", t.password],
  ["SRP one at a time", t.srpOneAtATime],
  ["SRP", t.srp],
  ["jose", t.jwt?.jose],
  ["aws-jwt-verify", t.jwt?.awsJwtVerify],
  ["GetCredentialsForIdentity one at a time", t.credentialsOneAtATime],
  ["GetId + GetCredentialsForIdentity", t.guests],
];

function notes(r: AuthResults): string[] {
  const out: string[] = [];
  const cores = r.machine.cores;
  const s = r.stratus;
  const gatewayCpu = cpuMsPerCall(s.password, "server");
  if (s.scrypt || gatewayCpu !== undefined) {
    out.push(
      "Stratus keeps passwords as scrypt hashes (N=2^15, r=8, p=1: 32 MiB of memory per check), which by design costs tens of ms of CPU per check to make guessing slow: " +
        `the check alone took ${fmt(ms(s.scrypt, "p50"))} ms here (p50 in-process), and a USER_PASSWORD_AUTH sign-in cost the gateway ${fmt(gatewayCpu)} ms of CPU, ` +
        `so on ${cores} cores password sign-ins top out near ${fmt(gatewayCpu ? (cores * 1000) / gatewayCpu : undefined, 0)}/s however fast the rest is. moto compares the password as stored, in plain text.`,
    );
  }
  const clientCpu = cpuMsPerCall(s.srp, "self");
  if (s.srp && clientCpu !== undefined) {
    // The client's SRP math runs on the benchmark process's one thread: busy all the time, it is what sets the rate.
    const clientCores = (s.srp.cpu.seconds.self ?? 0) / s.srp.cpu.wallSeconds;
    out.push(
      `An SRP sign-in is two calls (InitiateAuth with SRP_A, RespondToAuthChallenge with the password claim) plus the client's SRP math — amazon-cognito-identity-js's own BigInteger modular exponentiation, ${fmt(clientCpu)} ms of CPU per sign-in in the benchmark process, ` +
        `against ${fmt(cpuMsPerCall(s.srp, "server"))} ms in the gateway (native BigInt) — on the same ${cores} cores. The benchmark process (one thread) was ${fmt(clientCores)} cores busy during the ${s.srp.clients}-client window, ` +
        (clientCores >= 0.9
          ? `so the client's SRP math, not the gateway, set that rate (1000 / ${fmt(clientCpu)} ≈ ${fmt(1000 / clientCpu)} sign-ins/s); with one browser per user the gateway's share is what a server would see.`
          : "so the client's SRP math took that share of the cores from the servers."),
    );
  }
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    for (const [workload, why] of Object.entries(t.unavailable)) {
      const explained = label === "moto" ? MOTO_WHY[workload] : undefined;
      out.push(`${label} ${workload}: unavailable — ${why}${explained ? ` (${explained})` : ""}`);
    }
    for (const note of t.notes) out.push(`${label}: ${note}`);
    for (const [workload, m] of measurements(t)) if (m?.errors) out.push(`${label} ${workload}: ${m.errors} errors (first: ${m.firstError})`);
  }
  if (r.gateway) out.push(`The role session's SendMessage to the queue its customer policy denies was refused (${r.gateway.denied}), so its policies were in force during the run.`);
  if (r.inProcess) {
    out.push(
      `authorizeRequest evaluated ${r.inProcess.policies.length} policies for the role session: ${r.inProcess.policies.join("; ")}. ` +
        "For the owner's key it evaluates none (a console key acts with its team role), so that row is about the floor of the timing itself (a timer read and an awaited promise).",
    );
  }
  for (const [workload, m] of [["SendMessage (owner key)", r.gateway?.owner], ["SendMessage (role session)", r.gateway?.role], ["authorizeRequest (role session)", r.inProcess?.role]] as const) {
    if (m?.errors) out.push(`Stratus ${workload}: ${m.errors} errors (first: ${m.firstError})`);
  }
  return out;
}

function cpuSections(r: AuthResults): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    for (const [name, w, unit] of [["USER_PASSWORD_AUTH", t.password, "sign-in"], ["SRP", t.srp, "sign-in"], ["GetId + GetCredentialsForIdentity", t.guests, "guest"]] as const) {
      if (w) out.push([`${label} ${name}`, cpuTableRows(w.cpu, w.calls, CPU_NAMES, `${label} ${name} (per ${unit})`)]);
    }
  }
  return out;
}

export const consoleReport = (r: AuthResults): string =>
  [
    ...consoleHeader("Auth benchmark (Cognito user pools and identity pools, IAM policy evaluation)", r),
    ...consoleComparison(rows(r)),
    "",
    ...notes(r).map((line) => `- ${line}`),
    ...consoleCpuSections(cpuSections(r), "unit"),
    "",
    ...consoleTargets(targets(r)),
  ].join("\n");

export function markdownSection(r: AuthResults): string {
  const o = r.options;
  return [
    ...markdownHeader("## Auth: Cognito and IAM (`npm run bench:auth`)", r),
    "Stratus is the real gateway (`server/gateway/main.ts`) as a child process on a dedicated database (`stratus_bench`) and Redis DB 3, with a fresh team (strict IAM enforcement) and its owner's access key; moto is `moto_server` (in-memory). " +
      "Both are set up and driven the same way, by AWS SDK v3 clients (`@aws-sdk/client-cognito-identity-provider`, `@aws-sdk/client-cognito-identity`, `@aws-sdk/client-iam`, `@aws-sdk/client-sts`, `@aws-sdk/client-sqs`) with an explicit endpoint, keep-alive sockets and no retries, and by amazon-cognito-identity-js for SRP; end-user calls (InitiateAuth, RespondToAuthChallenge, GetId, GetCredentialsForIdentity) are unsigned, as apps send them. " +
      `The benchmark process shares the machine's ${r.machine.cores} cores with the servers, Postgres and Redis. Every workload starts with one call; where moto does not answer it, what it answered is in the notes and the workload is marked unavailable.`,
    "",
    `Setup with the admin API: CreateUserPool, CreateUserPoolClient (ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, no secret), ${o.clients} users by AdminCreateUser (MessageAction SUPPRESS) + AdminSetUserPassword (Permanent). ` +
      `**USER_PASSWORD_AUTH** — InitiateAuth with username and password: ${o["sign-ins"]} sign-ins one at a time after ${o["sign-in-warmup"]}, then ${o.clients} clients (one user each) signing in back to back for ${o.seconds} s after ${o.warmup} s; a sign-in counts when it returns tokens. ` +
      `**SRP** — amazon-cognito-identity-js's \`CognitoUser.authenticateUser\` with USER_SRP_AUTH (InitiateAuth with SRP_A, then RespondToAuthChallenge PASSWORD_VERIFIER with the password claim signature), ${o["srp-sign-ins"]} one at a time after ${o["sign-in-warmup"]}, then ${o.clients} clients as above. ` +
      `**JWT verification** — the pool's JWKS fetched once from \`{endpoint}/{poolId}/.well-known/jwks.json\`, then one ID token verified ${o.verifications} times after ${o["verification-warmup"]} in the benchmark process (one core, the servers idle) with jose (\`createLocalJWKSet\` + \`jwtVerify\`, issuer = the token's \`iss\`) and with aws-jwt-verify (\`JwtRsaVerifier\` with \`cacheJwks\`): it shows that standard verifiers accept the tokens and what verifying costs an app, not a server figure. ` +
      "**Identity pools** — CreateIdentityPool (AllowUnauthenticatedIdentities), an IAM role trusted by `cognito-identity.amazonaws.com` for `sts:AssumeRoleWithWebIdentity` set as the unauthenticated role with SetIdentityPoolRoles; " +
      `GetCredentialsForIdentity for one identity, ${o["identity-calls"]} calls one at a time, then ${o.clients} clients each looping GetId + GetCredentialsForIdentity (a new guest each time) for ${o.seconds} s after ${o.warmup} s. ` +
      "**Policy evaluation** (Stratus only) — a role with 3 managed policies (AmazonSQSFullAccess, AWSLambdaBasicExecutionRole, a customer policy denying `sqs:*` on another queue and everything from outside 127.0.0.0/8, 10.0.0.0/8 and ::1 by a `NotIpAddress` condition) and 2 inline policies (CloudWatch Logs writes; Kinesis reads with a `StringEquals aws:RequestedRegion` condition), assumed with STS AssumeRole. " +
      `(a) Through the gateway: ${o.sends} SQS SendMessage calls signed with the team owner's key (a console key acts with its team role: no policy evaluation) and as many signed with the role session (credential lookup, then authorizeRequest against the 5 policies), taking turns one call at a time in alternating order after ${o["send-warmup"]} rounds, so machine noise hits both alike; the difference of the p50s is the gateway's overhead of policy evaluation per request, as far as a round trip of a few ms can show it. ` +
      `(b) In-process: \`authorizeRequest\` (server/services/iam/authorize.ts) for the same SendMessage, principal resolved from the same session credentials, an \`IamDecisionData\` on the bench database whose caches the first call warmed, ${o["authorize-calls"]} calls timed one by one — this is the figure the ≤ ${GOALS.policyP50Ms} ms target is judged on.`,
    "",
    ...markdownResults({
      comparison: rows(r),
      notes: notes(r),
      targetsTitle: "Targets (Stratus):",
      targets: targets(r),
      cpu: cpuSections(r),
      cpuSummary: "CPU by process during the concurrent-client windows",
      unit: "unit",
    }),
  ].join("\n");
}
