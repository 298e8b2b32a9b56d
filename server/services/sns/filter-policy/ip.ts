import { isIPv4, isIPv6 } from "node:net";
import { invalid } from "./errors";
import type { IpRange } from "./types";

interface Ip {
  version: 4 | 6;
  value: bigint;
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  const address = text.split("%")[0] ?? "";
  // An embedded dotted IPv4 tail stands for the last two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const hex = tail === undefined ? address : `${address.slice(0, -tail.length)}${ipv4Groups(tail)}`;
  const [head = "", rest] = hex.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = rest === undefined || rest === "" ? [] : rest.split(":");
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

function ipv4Groups(dotted: string): string {
  const value = ipv4Value(dotted);
  return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
}

export function parseIp(text: string): Ip | undefined {
  if (isIPv4(text)) return { version: 4, value: ipv4Value(text) };
  if (isIPv6(text)) return { version: 6, value: ipv6Value(text) };
  return undefined;
}

/** Java's String.split, which AWS's parser uses: trailing empty pieces are dropped ("10.0.0.0/" has one piece). */
function javaSplit(text: string, separator: string): string[] {
  const pieces = text.split(separator);
  while (pieces.length > 0 && pieces[pieces.length - 1] === "") pieces.pop();
  return pieces;
}

/** Java's Integer.parseInt: an optional sign, decimal digits, 32-bit range; anything else is not an integer. */
function javaInt(text: string): number | undefined {
  const n = Number(text);
  return /^[+-]?\d+$/.test(text) && n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

/**
 * Compiles a `cidr` operand with AWS's messages. Like AWS's rule engine, the range starts at the address as
 * written (host bits are not cleared) and ends with every host bit set.
 */
export function parseCidr(cidr: string): IpRange {
  const pieces = javaSplit(cidr, "/");
  if (pieces.length !== 2) invalid("Malformed CIDR, one '/' required");
  const [address = "", mask = ""] = pieces;
  const bits = javaInt(mask) ?? invalid("Malformed CIDR, mask bits must be an integer");
  if (bits < 0) invalid("Malformed CIDR, mask bits must not be negative");
  const ip = parseIp(address) ?? invalid(`Nonstandard IP address: ${address}`);
  if (ip.version === 4 && bits > 31) invalid("IPv4 mask bits must be < 32");
  if (ip.version === 6 && bits > 127) invalid("IPv6 mask bits must be < 128");
  const width = ip.version === 4 ? 32n : 128n;
  const hostMask = (1n << (width - BigInt(bits))) - 1n;
  return { version: ip.version, low: ip.value, high: ip.value | hostMask };
}

export function ipInRange(range: IpRange, text: string): boolean {
  const ip = parseIp(text);
  return ip !== undefined && ip.version === range.version && ip.value >= range.low && ip.value <= range.high;
}
