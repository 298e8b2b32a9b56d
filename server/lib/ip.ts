/**
 * IPv4 and IPv6 addresses and CIDR ranges, shared by IAM's IpAddress / NotIpAddress condition operators and
 * SNS filter policies' `cidr` operand. An address is a bigint so a range test is two comparisons; the
 * callers differ on a few edge cases, which are options here rather than copies.
 */
import { isIPv4, isIPv6 } from "node:net";

export type IpVersion = 4 | 6;

export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** Every address from `low` to `high`, both included, of one version. */
export interface IpRange {
  readonly version: IpVersion;
  readonly low: bigint;
  readonly high: bigint;
}

export const ipBits = (version: IpVersion): number => (version === 4 ? 32 : 128);

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  // A zone (`fe80::1%eth0`) does not take part in matching.
  const [head = "", tail] = (text.split("%")[0] ?? "").split("::");
  const hextets = (part: string): bigint[] =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [BigInt(Number.parseInt(group, 16))];
          // An embedded IPv4 address fills the last two groups.
          const v4 = ipv4Value(group);
          return [v4 >> 16n, v4 & 0xffffn];
        });
  const first = hextets(head);
  const last = tail === undefined ? [] : hextets(tail);
  const groups = [...first, ...Array<bigint>(8 - first.length - last.length).fill(0n), ...last];
  return groups.reduce((acc, group) => (acc << 16n) | group, 0n);
}

export interface ParseIpOptions {
  /**
   * Reads an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports for an IPv4
   * client) as the IPv4 address; otherwise it stays an IPv6 address.
   */
  unmapIPv4?: boolean;
}

/** A textual IPv4 or IPv6 address; undefined for anything else. */
export function parseIp(text: string, { unmapIPv4 = false }: ParseIpOptions = {}): IpAddress | undefined {
  if (isIPv4(text)) return { version: 4, value: ipv4Value(text) };
  if (!isIPv6(text)) return undefined;
  const value = ipv6Value(text);
  if (unmapIPv4 && value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}

export interface IpRangeOptions {
  /**
   * Starts the range at the block's first address (`10.0.0.5/24` is 10.0.0.0–10.0.0.255), as a network
   * mask does; otherwise it starts at the address as written (10.0.0.5–10.0.0.255).
   */
  clearHostBits?: boolean;
}

/** The addresses sharing `address`'s first `prefix` bits (0 to the version's width). */
export function ipRange(address: IpAddress, prefix: number, { clearHostBits = true }: IpRangeOptions = {}): IpRange {
  const hostMask = (1n << BigInt(ipBits(address.version) - prefix)) - 1n;
  return { version: address.version, low: clearHostBits ? address.value & ~hostMask : address.value, high: address.value | hostMask };
}

/** Addresses of the other version are never in a range. */
export function ipInRange(range: IpRange, address: IpAddress): boolean {
  return address.version === range.version && address.value >= range.low && address.value <= range.high;
}
