// Server side of Cognito's USER_SRP_AUTH (SRP-6a over the RFC 5054 3072-bit group), byte-for-byte
// compatible with amazon-cognito-identity-js's AuthenticationHelper, whose math Amplify and the boto3 helpers share.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { CognitoErrors } from "./errors";

const N = BigInt(
  "0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
const g = 2n;
const INFO = Buffer.from("Caldera Derived Key", "utf8");
/** 256-bit ephemeral secret: RFC 5054's minimum, and a quarter of the client's cost per modPow. */
const EPHEMERAL_BYTES = 32;
/** Cognito refuses claims whose TIMESTAMP is further than this from its clock. */
const TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

/**
 * The client's padHex: minimal big-endian two's-complement hex (Java's BigInteger.toByteArray()),
 * i.e. even length with a 00 prepended when the high bit is set. Every hash input goes through it,
 * so any other encoding changes k, u, x and the session key.
 */
function padHex(value: bigint): string {
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
}

const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hashHex = (hex: string) => BigInt(`0x${sha256Hex(Buffer.from(hex, "hex"))}`);

const k = hashHex(padHex(N) + padHex(g));

function parseHex(hex: string, name: string): bigint {
  if (!/^[0-9a-f]+$/i.test(hex)) throw CognitoErrors.invalidParameter(`${name} is not a hex number.`);
  return BigInt(`0x${hex}`);
}

/** Fixed 4-bit window: about a third fewer multiplications than bit-by-bit square-and-multiply. */
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const reduced = base % modulus;
  const powers = [1n];
  for (let i = 1; i < 16; i++) powers.push((powers[i - 1]! * reduced) % modulus);
  let result = 1n;
  for (const nibble of exponent.toString(16)) {
    for (let i = 0; i < 4; i++) result = (result * result) % modulus;
    const digit = parseInt(nibble, 16);
    if (digit !== 0) result = (result * powers[digit]!) % modulus;
  }
  return result;
}

const randomScalar = () => BigInt(`0x${randomBytes(EPHEMERAL_BYTES).toString("hex")}`);

/** Computed when a password is set: what the server stores instead of anything password-derived it could reverse. */
export function srpVerifier(poolName: string, userIdForSrp: string, password: string): { salt: string; verifier: string } {
  // Clients re-encode SALT differently (the JS SDK parses it as a number, boto3 helpers take the string
  // as-is), so hand out the canonical padHex form on which both agree.
  const salt = padHex(BigInt(`0x${randomBytes(16).toString("hex")}`));
  const x = hashHex(salt + sha256Hex(`${poolName}${userIdForSrp}:${password}`));
  return { salt, verifier: padHex(modPow(g, x, N)) };
}

/** Step 1 (InitiateAuth USER_SRP_AUTH with SRP_A): validates A (A mod N != 0, else throw), makes b and B. */
export function srpChallenge(verifierHex: string, srpAHex: string): { b: string; srpB: string } {
  // A ≡ 0 mod N would force S = 0, letting anyone derive the session key without the password.
  if (parseHex(srpAHex, "SRP_A") % N === 0n) throw CognitoErrors.invalidParameter("SRP_A cannot be 0 mod N.");
  const v = parseHex(verifierHex, "verifier");
  for (;;) {
    const b = randomScalar();
    const B = (k * v + modPow(g, b, N)) % N;
    // Clients refuse B ≡ 0 mod N; the odds are negligible, but drawing again costs nothing.
    if (B !== 0n) return { b: b.toString(16), srpB: B.toString(16) };
  }
}

/** Step 2 (RespondToAuthChallenge PASSWORD_VERIFIER): whether the client's signature proves the password. */
export function verifyPasswordClaim(args: {
  poolName: string;
  userIdForSrp: string;
  verifier: string;
  srpA: string;
  b: string;
  srpB: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}): boolean {
  // Buffer's base64 decoder skips junk characters, so require the strict alphabet before decoding.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(args.signature)) return false;
  const A = parseHex(args.srpA, "SRP_A");
  const B = parseHex(args.srpB, "SRP_B");
  const u = hashHex(padHex(A) + padHex(B));
  // Either would make S predictable without the password; the client refuses u = 0 itself.
  if (A % N === 0n || u === 0n) return false;

  const v = parseHex(args.verifier, "verifier");
  const S = modPow((A * modPow(v, u, N)) % N, parseHex(args.b, "b"), N);
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), INFO, 16));

  const expected = createHmac("sha256", key)
    .update(Buffer.from(args.poolName, "utf8"))
    .update(Buffer.from(args.userIdForSrp, "utf8"))
    .update(Buffer.from(args.secretBlock, "base64"))
    .update(Buffer.from(args.timestamp, "utf8"))
    .digest();
  const given = Buffer.from(args.signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMESTAMP = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** Java's "EEE MMM d HH:mm:ss z yyyy" in UTC, as every Cognito client writes it (DateHelper.getNowString). */
function formatSrpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/** Cognito rejects timestamps that don't parse in its format or are far from now. */
export function isValidSrpTimestamp(timestamp: string, now: Date = new Date()): boolean {
  const match = TIMESTAMP.exec(timestamp);
  if (!match) return false;
  const [, month = "", day, hours, minutes, seconds, year] = match;
  const date = new Date(
    Date.UTC(Number(year), MONTHS.indexOf(month), Number(day), Number(hours), Number(minutes), Number(seconds)),
  );
  // Round-tripping rejects what Cognito rejects though it matches the pattern: a zero-padded day
  // ("Dec 05"), a weekday that doesn't fit the date, and out-of-range fields (Feb 30, 24:00:00).
  if (formatSrpTimestamp(date) !== timestamp) return false;
  return Math.abs(date.getTime() - now.getTime()) <= TIMESTAMP_SKEW_MS;
}
