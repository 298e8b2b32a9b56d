// Drives the server half of USER_SRP_AUTH with the real client math from amazon-cognito-identity-js,
// so any byte that differs from what Cognito's clients compute fails here.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import { isValidSrpTimestamp, srpChallenge, srpVerifier, verifyPasswordClaim } from "../../../server/services/cognito-idp/srp";

/** The slice of the client's jsbn BigInteger and AuthenticationHelper these tests call. */
interface ClientBigInteger {
  toString(radix: number): string;
}
interface AuthenticationHelper {
  N: ClientBigInteger;
  getLargeAValue(callback: (err: Error | null, A: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (err: Error | null, hkdf: Uint8Array) => void,
  ): void;
}
interface Sha256 {
  update(data: Uint8Array): void;
  digestSync(): Uint8Array;
}

// The SRP internals aren't in the package's typings or ESM entry: load the CommonJS build, and the
// HMAC implementation CognitoUser.js itself signs with, resolved from the package.
const clientRequire = createRequire(createRequire(import.meta.url).resolve("amazon-cognito-identity-js"));
const { default: AuthenticationHelperClass }: { default: new (poolName: string) => AuthenticationHelper } =
  clientRequire("./AuthenticationHelper.js");
const { default: BigInteger }: { default: new (hex: string, radix: number) => ClientBigInteger } = clientRequire("./BigInteger.js");
const { default: DateHelper }: { default: new () => { getNowString(): string } } = clientRequire("./DateHelper.js");
const { Sha256: Sha256Class }: { Sha256: new (secret?: Uint8Array) => Sha256 } = clientRequire("@aws-crypto/sha256-js");

const POOL_ID = "us-east-1_SrpPool42";
const POOL_NAME = "SrpPool42";

/** Everything a client sends back in PASSWORD_VERIFIER, computed as CognitoUser.authenticateUserDefaultAuth does. */
async function clientClaim(opts: { userIdForSrp: string; password: string; salt: string; srpBFor: (srpA: string) => string; secretBlock: string }) {
  const helper = new AuthenticationHelperClass(POOL_NAME);
  const A = await new Promise<ClientBigInteger>((resolve, reject) => helper.getLargeAValue((err, value) => (err ? reject(err) : resolve(value))));
  const srpA = A.toString(16);
  const srpB = opts.srpBFor(srpA);
  const hkdf = await new Promise<Uint8Array>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(opts.userIdForSrp, opts.password, new BigInteger(srpB, 16), new BigInteger(opts.salt, 16), (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  const timestamp = new DateHelper().getNowString();
  const hmac = new Sha256Class(hkdf);
  hmac.update(
    Buffer.concat([
      Buffer.from(POOL_NAME, "utf8"),
      Buffer.from(opts.userIdForSrp, "utf8"),
      Buffer.from(opts.secretBlock, "base64"),
      Buffer.from(timestamp, "utf8"),
    ]),
  );
  return { srpA, timestamp, signature: Buffer.from(hmac.digestSync()).toString("base64") };
}

/** One full exchange: the server's verifier and challenge, the client's claim made with `clientPassword`. */
async function exchange(clientPassword: string) {
  const userIdForSrp = randomUUID();
  const { salt, verifier } = srpVerifier(POOL_NAME, userIdForSrp, "Correct-Horse-9");
  const secretBlock = randomBytes(256).toString("base64");
  let server: { b: string; srpB: string } | undefined;
  const claim = await clientClaim({
    userIdForSrp,
    password: clientPassword,
    salt,
    secretBlock,
    srpBFor: (srpA) => {
      server = srpChallenge(verifier, srpA);
      return server.srpB;
    },
  });
  assert.ok(server);
  return { poolName: POOL_NAME, userIdForSrp, verifier, secretBlock, ...server, ...claim };
}

describe("cognito-idp SRP math against amazon-cognito-identity-js", () => {
  test("the client's signature verifies with the right password, across many random a, b and salts", async () => {
    for (let i = 0; i < 10; i++) assert.equal(verifyPasswordClaim(await exchange("Correct-Horse-9")), true);
  });

  test("a wrong password fails", async () => {
    assert.equal(verifyPasswordClaim(await exchange("Correct-Horse-8")), false);
  });

  test("the signature binds the timestamp, the secret block, the user and the server's b", async () => {
    const claim = await exchange("Correct-Horse-9");
    const otherBlock = randomBytes(256).toString("base64");
    assert.equal(verifyPasswordClaim({ ...claim, timestamp: claim.timestamp.replace(/\d+$/, (year) => String(Number(year) + 1)) }), false);
    assert.equal(verifyPasswordClaim({ ...claim, secretBlock: otherBlock }), false);
    assert.equal(verifyPasswordClaim({ ...claim, userIdForSrp: `${claim.userIdForSrp}x` }), false);
    assert.equal(verifyPasswordClaim({ ...claim, b: srpChallenge(claim.verifier, claim.srpA).b }), false);
  });

  test("malformed or altered signatures fail without throwing", async () => {
    const claim = await exchange("Correct-Horse-9");
    const flipped = Buffer.from(claim.signature, "base64");
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    for (const signature of [flipped.toString("base64"), claim.signature.slice(0, -4), `${claim.signature}!`, "", "not base64 at all"]) {
      assert.equal(verifyPasswordClaim({ ...claim, signature }), false, signature);
    }
  });

  test("SALT is handed out in the padded form every client re-encodes identically", () => {
    for (let i = 0; i < 50; i++) {
      const { salt, verifier } = srpVerifier(POOL_NAME, "user", "pw");
      assert.match(salt, /^([0-7][0-9a-f]|00[89a-f][0-9a-f])([0-9a-f]{2})*$/);
      assert.equal(new BigInteger(salt, 16).toString(16).padStart(salt.length, "0"), salt);
      assert.match(verifier, /^[0-9a-f]+$/);
    }
  });

  test("A ≡ 0 mod N is refused, as is A that isn't hex", () => {
    const { verifier } = srpVerifier(POOL_NAME, "user", "pw");
    const N = new AuthenticationHelperClass(POOL_NAME).N.toString(16);
    const twoN = (BigInt(`0x${N}`) * 2n).toString(16);
    for (const srpA of ["0", "00", N, N.toUpperCase(), twoN, "", "xyz", "-1"]) {
      assert.throws(() => srpChallenge(verifier, srpA), { name: "InvalidParameterException" }, srpA);
    }
  });

  test("B is below N and never 0 mod N", () => {
    const { verifier } = srpVerifier(POOL_NAME, "user", "pw");
    const N = BigInt(`0x${new AuthenticationHelperClass(POOL_NAME).N.toString(16)}`);
    const { srpB } = srpChallenge(verifier, "2");
    const B = BigInt(`0x${srpB}`);
    assert.ok(B > 0n && B < N);
  });
});

describe("isValidSrpTimestamp", () => {
  const now = new Date("2026-12-05T06:01:02Z");

  test("accepts the client's own getNowString()", () => {
    assert.equal(isValidSrpTimestamp(new DateHelper().getNowString()), true);
  });

  test("accepts the format with an unpadded day, within minutes of now", () => {
    assert.equal(isValidSrpTimestamp("Sat Dec 5 06:01:02 UTC 2026", now), true);
    assert.equal(isValidSrpTimestamp("Sat Dec 5 05:57:02 UTC 2026", now), true);
    assert.equal(isValidSrpTimestamp("Sat Dec 5 06:05:02 UTC 2026", now), true);
    assert.equal(isValidSrpTimestamp("Sat Dec 12 00:00:00 UTC 2026", new Date("2026-12-12T00:00:00Z")), true);
  });

  test("rejects timestamps far from now", () => {
    assert.equal(isValidSrpTimestamp("Sat Dec 5 05:51:02 UTC 2026", now), false);
    assert.equal(isValidSrpTimestamp("Sat Dec 5 06:11:02 UTC 2026", now), false);
    assert.equal(isValidSrpTimestamp("Sat Dec 5 06:01:02 UTC 2027", now), false);
  });

  test("rejects garbage and near misses of the format", () => {
    for (const timestamp of [
      "",
      "garbage",
      now.toISOString(),
      now.toUTCString(),
      String(now.getTime()),
      "Sat Dec 05 06:01:02 UTC 2026", // zero-padded day, which Cognito refuses
      "Fri Dec 5 06:01:02 UTC 2026", // weekday doesn't match the date
      "Sat Dec 5 6:01:02 UTC 2026",
      "Sat Dec 5 06:01:02 GMT 2026",
      "Sat Dec 5 06:01:02 UTC 2026 ",
      "sat dec 5 06:01:02 UTC 2026",
      "Sat Dek 5 06:01:02 UTC 2026",
      "Sat Dec 5 06:01:60 UTC 2026",
      "Mon Feb 30 06:01:02 UTC 2026",
    ]) {
      assert.equal(isValidSrpTimestamp(timestamp, now), false, timestamp);
    }
  });
});

/**
 * A stand-in for Cognito's two SRP operations, so CognitoUser.authenticateUser runs its real sign-in
 * flow (wire format, USER_ID_FOR_SRP, getNowString) end to end over HTTP.
 */
describe("CognitoUser.authenticateUser against the server math", () => {
  const users = new Map<string, { userIdForSrp: string; salt: string; verifier: string }>();
  const sessions = new Map<string, { userIdForSrp: string; verifier: string; srpA: string; b: string; srpB: string; secretBlock: string }>();
  const fakeJwt = (use: string) =>
    ["e30", Buffer.from(JSON.stringify({ token_use: use, iat: Math.floor(Date.now() / 1000) })).toString("base64url"), "sig"].join(".");

  function handle(target: string, body: Record<string, Record<string, string> | string>): [number, object] {
    const fail = (type: string, message: string): [number, object] => [400, { __type: type, message }];
    if (target === "AWSCognitoIdentityProviderService.InitiateAuth" && typeof body.AuthParameters === "object") {
      const { USERNAME = "", SRP_A = "" } = body.AuthParameters;
      const user = users.get(USERNAME);
      if (!user) return fail("UserNotFoundException", "User does not exist.");
      const secretBlock = randomBytes(64).toString("base64");
      const { b, srpB } = srpChallenge(user.verifier, SRP_A);
      sessions.set(secretBlock, { ...user, srpA: SRP_A, b, srpB, secretBlock });
      return [
        200,
        {
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeParameters: { USER_ID_FOR_SRP: user.userIdForSrp, SALT: user.salt, SRP_B: srpB, SECRET_BLOCK: secretBlock, USERNAME: user.userIdForSrp },
        },
      ];
    }
    if (target === "AWSCognitoIdentityProviderService.RespondToAuthChallenge" && typeof body.ChallengeResponses === "object") {
      const { PASSWORD_CLAIM_SECRET_BLOCK = "", PASSWORD_CLAIM_SIGNATURE = "", TIMESTAMP = "" } = body.ChallengeResponses;
      const session = sessions.get(PASSWORD_CLAIM_SECRET_BLOCK);
      sessions.delete(PASSWORD_CLAIM_SECRET_BLOCK);
      const proven =
        session !== undefined &&
        isValidSrpTimestamp(TIMESTAMP) &&
        verifyPasswordClaim({ poolName: POOL_NAME, ...session, timestamp: TIMESTAMP, signature: PASSWORD_CLAIM_SIGNATURE });
      if (!proven) return fail("NotAuthorizedException", "Incorrect username or password.");
      return [200, { AuthenticationResult: { IdToken: fakeJwt("id"), AccessToken: fakeJwt("access"), RefreshToken: "refresh", ExpiresIn: 3600, TokenType: "Bearer" } }];
    }
    return fail("InvalidParameterException", `Unexpected ${target}`);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const [status, payload] = handle(String(req.headers["x-amz-target"]), JSON.parse(raw));
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(payload));
    });
  });
  let pool: CognitoUserPool;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === "object");
    pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: "client", endpoint: `http://127.0.0.1:${address.port}/` });
    // Signing in with an alias while the SRP identity is the internal id, as in an email-alias pool.
    const userIdForSrp = randomUUID();
    users.set("alice@example.com", { userIdForSrp, ...srpVerifier(pool.getUserPoolName(), userIdForSrp, "Pässwörd-123") });
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const signIn = (password: string) =>
    new Promise<CognitoUserSession>((resolve, reject) =>
      new CognitoUser({ Username: "alice@example.com", Pool: pool }).authenticateUser(
        new AuthenticationDetails({ Username: "alice@example.com", Password: password }),
        { onSuccess: resolve, onFailure: reject },
      ),
    );

  test("signs in with the right password", async () => {
    const session = await signIn("Pässwörd-123");
    assert.equal(session.getAccessToken().decodePayload().token_use, "access");
  });

  test("is refused with a wrong password", async () => {
    await assert.rejects(signIn("Passwörd-123"), { code: "NotAuthorizedException" });
  });
});
