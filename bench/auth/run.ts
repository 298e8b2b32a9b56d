/**
 * Auth benchmark: `npm run bench:auth [-- --clients 4 --seconds 10 --sign-ins 50 …]`.
 *
 * One run starts the real Stratus gateway (child process, database `stratus_bench`, Redis DB 3) and
 * moto_server, and drives both with the same clients: Cognito sign-in with the password
 * (InitiateAuth USER_PASSWORD_AUTH) and by SRP (amazon-cognito-identity-js), ID token verification
 * against the pool's JWKS with jose and aws-jwt-verify, guest credentials from an identity pool
 * (GetId + GetCredentialsForIdentity); then, on Stratus only, what IAM policy evaluation costs a request,
 * through the gateway and in-process. It prints a table with Stratus/moto ratios and PASS/FAIL, and
 * rewrites the auth section of bench/README.md (full runs only).
 */
import { parseArgs } from "node:util";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, numberOption, runBench } from "../lib/cli";
import { type Components, STORE_COMPONENTS } from "../lib/cpu";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { type RunningServer, startGateway, startMoto, type Target } from "../lib/servers";
import { fmt } from "../lib/stats";
import { createBenchIdentityPool, credentialsFor, deleteBenchIdentityPool, isMissingOperation, newGuest, newIdentity } from "./identity-pools";
import { concurrentClients, failureText, oneAtATime, type Throughput, type Timed } from "./measure";
import { authorizeInProcess, createPolicySet, deletePolicySet, gatewayOverhead } from "./policy";
import { type AuthResults, consoleReport, markdownSection, type TargetResults } from "./report";
import { type BenchPool, createBenchPool, deleteBenchPool, jwtVerification, passwordSignIn, scryptCheck, srpSignIn, wrongPasswordAccepted } from "./user-pools";

const WORKLOADS = ["password", "srp", "jwt", "identity", "policy"] as const;

/** The workloads' sizes: default and least value by option name. */
const SIZES = {
  clients: [4, 1],
  warmup: [2, 0],
  seconds: [10, 1],
  "sign-ins": [50, 1],
  "sign-in-warmup": [5, 0],
  "srp-sign-ins": [20, 1],
  verifications: [5000, 1],
  "verification-warmup": [500, 0],
  "identity-calls": [100, 1],
  sends: [1000, 1],
  "send-warmup": [50, 0],
  "authorize-calls": [10000, 1],
  "scrypt-checks": [10, 1],
} as const;
type Size = keyof typeof SIZES;
const sizeNames = Object.keys(SIZES) as Size[];

const { values: args } = parseArgs({
  options: {
    ...(Object.fromEntries(sizeNames.map((name) => [name, { type: "string", default: String(SIZES[name][0]) }])) as Record<Size, { type: "string"; default: string }>),
    only: { type: "string" }, // stratus | moto
    skip: { type: "string", default: "" }, // comma list of WORKLOADS
    "no-readme": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  const sizes = sizeNames.map((name) => `[--${name} ${SIZES[name][0]}]`).join(" ");
  console.log(`npm run bench:auth -- ${sizes}\n  [--only stratus|moto] [--skip ${WORKLOADS.join(",")}] [--no-readme]\n${BENCH_ENV_HELP}`);
  process.exit(0);
}
const opts = Object.fromEntries(sizeNames.map((name) => [name, Math.max(SIZES[name][1], numberOption(args, name))])) as Record<Size, number>;
const skip = new Set(args.skip!.split(",").filter(Boolean));
const unknown = [...skip].filter((w) => !(WORKLOADS as readonly string[]).includes(w));
if (unknown.length) throw new Error(`--skip: unknown workload ${unknown.join(", ")} (known: ${WORKLOADS.join(", ")})`);
const wanted = (name: Target["name"]) => !args.only || args.only === name;
const log = benchLog("bench:auth");

const timedLine = (t: Timed) => `p50 ${fmt(t.latency.p50)} ms, p99 ${fmt(t.latency.p99)} ms${t.errors ? `, ${t.errors} errors (first: ${t.firstError})` : ""}`;
const loadLine = (t: Throughput, unit: string) => `${fmt(t.perSecond)} ${unit}/s, ${timedLine(t)}`;

/**
 * One first call of a workload: its result, or undefined when it failed on moto (the workload is then
 * unavailable there). On Stratus a failure is an error, unless the workload is one Stratus may not have yet.
 */
async function firstCall<T>(t: Target, out: TargetResults, workload: string, call: () => Promise<T>, stratusMayLack = false): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (t.name === "stratus" && !stratusMayLack) throw e;
    out.unavailable[workload] = t.name === "stratus" ? `${isMissingOperation(e) ? "not available yet" : "failed"}: ${failureText(e)}` : failureText(e);
    log(`  ${workload}: unavailable — ${out.unavailable[workload]}`);
    return undefined;
  }
}

/** A sign-in flow: a first sign-in, a wrong password (must fail), then sign-ins one at a time and from concurrent clients. */
async function signIns(pool: BenchPool, components: Components, out: TargetResults, workload: "password" | "srp"): Promise<{ one: Timed; load: Throughput } | undefined> {
  const t = pool.target;
  const [name, signIn, count] = workload === "password" ? (["USER_PASSWORD_AUTH", passwordSignIn, opts["sign-ins"]] as const) : (["SRP sign-in", srpSignIn, opts["srp-sign-ins"]] as const);
  if (!(await firstCall(t, out, name, () => signIn(pool, 0)))) return undefined;
  const wrong = await wrongPasswordAccepted(signIn, pool);
  if (wrong) out.notes.push(`${name}: ${wrong} (the password is not checked)`);
  log(`${t.label}: ${name}, ${opts["sign-in-warmup"]} + ${count} one at a time, then ${opts.clients} clients for ${opts.warmup} s + ${opts.seconds} s`);
  const one = await oneAtATime(() => signIn(pool, 0), { warmup: opts["sign-in-warmup"], count });
  log(`  one at a time: ${timedLine(one)}`);
  const load = await concurrentClients((client) => signIn(pool, client), components, { clients: opts.clients, warmupSeconds: opts.warmup, seconds: opts.seconds });
  log(`  ${opts.clients} clients: ${loadLine(load, "sign-ins")}`);
  return { one, load };
}

async function userPoolWorkloads(t: Target, runId: string, components: Components, out: TargetResults): Promise<void> {
  if (skip.has("password") && skip.has("srp") && skip.has("jwt")) return;
  log(`${t.label}: a user pool, an app client and ${opts.clients} users`);
  const pool = await createBenchPool(t, runId, opts.clients);
  try {
    const password = skip.has("password") ? undefined : await signIns(pool, components, out, "password");
    [out.passwordOneAtATime, out.password] = [password?.one, password?.load];
    if (!skip.has("password") && t.name === "stratus") {
      out.scrypt = await scryptCheck(opts["scrypt-checks"]);
      log(`  scrypt check alone, in-process: ${timedLine(out.scrypt)}`);
    }
    const srp = skip.has("srp") ? undefined : await signIns(pool, components, out, "srp");
    [out.srpOneAtATime, out.srp] = [srp?.one, srp?.load];
    if (!skip.has("jwt")) {
      log(`${t.label}: ID token verification, ${opts["verification-warmup"]} + ${opts.verifications} with jose and with aws-jwt-verify`);
      const token = await passwordSignIn(pool, 0);
      const jwt = (out.jwt = await firstCall(t, out, "JWT verification", () => jwtVerification(pool, token, { warmup: opts["verification-warmup"], count: opts.verifications })));
      if (jwt) log(`  jose ${fmt(jwt.jose.perSecond, 0)}/s (p50 ${fmt(jwt.jose.latency.p50 * 1000)} µs), aws-jwt-verify ${fmt(jwt.awsJwtVerify.perSecond, 0)}/s (p50 ${fmt(jwt.awsJwtVerify.latency.p50 * 1000)} µs)`);
    }
  } finally {
    await deleteBenchPool(pool);
  }
}

async function identityWorkload(t: Target, runId: string, components: Components, out: TargetResults): Promise<void> {
  const workload = "GetCredentialsForIdentity";
  log(`${t.label}: identity pool with an unauthenticated role`);
  const pool = await firstCall(t, out, workload, () => createBenchIdentityPool(t, runId), true);
  if (!pool) return;
  try {
    if (pool.rolesNotSet) out.notes.push(`SetIdentityPoolRoles failed (${pool.rolesNotSet}), so the pool has no unauthenticated role; GetCredentialsForIdentity was measured as the server answers it anyway.`);
    // Two guests: the identity one at a time is the first; two access key ids tell whether each gets its own session.
    const first = await firstCall(t, out, workload, async () => {
      const ids = [await newIdentity(pool), await newIdentity(pool)];
      return { identityId: ids[0]!, keys: [await credentialsFor(pool, ids[0]!), await credentialsFor(pool, ids[1]!)] };
    }, true);
    if (!first) return;
    if (first.keys[0] === first.keys[1]) out.notes.push(`GetCredentialsForIdentity answered two different identities with the same access key id (${first.keys[0]}): no session of its own behind each.`);
    log(`${t.label}: GetCredentialsForIdentity, ${opts["identity-calls"]} one at a time, then ${opts.clients} clients doing GetId + GetCredentialsForIdentity for ${opts.warmup} s + ${opts.seconds} s`);
    out.credentialsOneAtATime = await oneAtATime(() => credentialsFor(pool, first.identityId), { warmup: Math.min(10, opts["identity-calls"]), count: opts["identity-calls"] });
    log(`  one at a time: ${timedLine(out.credentialsOneAtATime)}`);
    out.guests = await concurrentClients(() => newGuest(pool), components, { clients: opts.clients, warmupSeconds: opts.warmup, seconds: opts.seconds });
    log(`  ${opts.clients} clients: ${loadLine(out.guests, "guests")}`);
  } finally {
    await deleteBenchIdentityPool(pool);
  }
}

async function policyWorkloads(t: Target, accountId: string, runId: string, results: AuthResults): Promise<void> {
  log(`${t.label}: a role with 3 managed + 2 inline policies, assumed with STS`);
  const set = await createPolicySet(t, accountId, runId);
  try {
    log(`${t.label}: SendMessage, owner key and role session taking turns, ${opts["send-warmup"]} + ${opts.sends} rounds`);
    const g = (results.gateway = await gatewayOverhead(set, { warmup: opts["send-warmup"], count: opts.sends }));
    log(`  owner key ${timedLine(g.owner)}; role session ${timedLine(g.role)}; p50 difference ${fmt(g.role.latency.p50 - g.owner.latency.p50, 3)} ms`);
    log(`${t.label}: authorizeRequest in-process, ${opts["authorize-calls"]} calls each for the role session and the owner key`);
    const a = (results.inProcess = await authorizeInProcess(set, BENCH_DATABASE_URL, { warmup: 100, count: opts["authorize-calls"] }));
    log(`  role session p50 ${fmt(a.role.latency.p50 * 1000)} µs, p99 ${fmt(a.role.latency.p99 * 1000)} µs (${a.policies.length} policies); owner key p50 ${fmt(a.owner.latency.p50 * 1000)} µs`);
  } finally {
    await deletePolicySet(set);
  }
}

async function main(): Promise<void> {
  const { runId, setup, machine, end } = await startRun("Auth benchmark", log);
  const fresh = (): TargetResults => ({ unavailable: {}, notes: [] });
  const results: AuthResults = { machine, loadAtEnd: machine.load, elapsedSeconds: 0, command: commandLine("bench:auth"), options: opts, stratus: fresh(), moto: fresh() };
  const servers: { server: RunningServer; components: Components; stop: () => Promise<void> }[] = [];
  try {
    if (wanted("stratus")) {
      const gateway = await startGateway(setup);
      log(`Stratus gateway on ${gateway.target.endpoint} (pid ${gateway.child.pid})`);
      servers.push({ server: gateway, components: { server: () => [gateway.child.pid], ...STORE_COMPONENTS }, stop: () => gateway.child.stop(15_000) });
    }
    if (wanted("moto")) {
      const moto = await startMoto();
      log(`moto_server on ${moto.target.endpoint} (pid ${moto.child.pid})`);
      servers.push({ server: moto, components: { server: () => [moto.child.pid] }, stop: () => moto.child.stop(5_000) });
      if (!skip.has("policy")) {
        results.moto.unavailable["policy evaluation"] =
          "moto_server does not evaluate IAM policies (its IAM enforcement is off unless started with INITIAL_NO_AUTH_ACTION_COUNT), so there is no evaluation cost to compare";
      }
    }
    for (const { server, components } of servers) {
      const t = server.target;
      await userPoolWorkloads(t, runId, components, results[t.name]);
      if (!skip.has("identity")) await identityWorkload(t, runId, components, results[t.name]);
      if (!skip.has("policy") && t.name === "stratus") await policyWorkloads(t, setup.accountId, runId, results);
    }
  } finally {
    // Anything started before a failure is stopped by runBench.
    await Promise.all(servers.map((s) => s.stop()));
  }
  const done: AuthResults = { ...results, ...end() };
  console.log(consoleReport(done));
  updateReadme("bench:auth", "auth", () => markdownSection(done), { noReadme: args["no-readme"], partial: args.only || skip.size > 0 ? "--only/--skip" : undefined }, log);
}

runBench(
  "bench:auth",
  main,
  2 * (3 * (opts.warmup + opts.seconds) + opts["sign-ins"] * 0.5 + opts["srp-sign-ins"] * 1.5 + opts["identity-calls"] * 0.1 + opts.sends * 0.04 + 60) * 1_000 + 120_000,
);
