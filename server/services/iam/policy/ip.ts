/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress. Addresses are 32-bit words (one
 * for IPv4, four for IPv6) so a block test is a few masked comparisons.
 */
import { isIPv4, isIPv6 } from "node:net";

export interface IpAddress {
  v6: boolean;
  words: readonly number[];
}

export interface CidrBlock extends IpAddress {
  prefix: number;
}

function parseIPv4Words(text: string): number {
  let word = 0;
  for (const octet of text.split(".")) word = word * 256 + Number(octet);
  return word;
}

function parseIPv6(text: string): number[] {
  const [head = "", tail] = text.split("::");
  const groups = (part: string): number[] => {
    if (part === "") return [];
    const out: number[] = [];
    for (const group of part.split(":")) {
      if (group.includes(".")) {
        // An embedded IPv4 address fills the last two groups.
        const v4 = parseIPv4Words(group);
        out.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
      } else out.push(parseInt(group, 16));
    }
    return out;
  };
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  const hextets = [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((hextets[i] ?? 0) * 0x10000 + (hextets[i + 1] ?? 0)) >>> 0);
  return words;
}

/**
 * Parses an address; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports
 * for an IPv4 client) counts as the IPv4 address.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) return { v6: false, words: [parseIPv4Words(text)] };
  if (!isIPv6(text)) return undefined;
  // A zone (`fe80::1%eth0`) does not take part in matching.
  const words = parseIPv6(text.split("%")[0] ?? "");
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return { v6: false, words: [words[3] ?? 0] };
  return { v6: true, words };
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a block of one). */
export function parseCidr(text: string): CidrBlock | undefined {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0) return undefined;
  const v6 = isIPv6(address);
  if (!v6 && !isIPv4(address)) return undefined;
  const bits = v6 ? 128 : 32;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  return { v6, words: v6 ? parseIPv6(address) : [parseIPv4Words(address)], prefix };
}

export function cidrContains(block: CidrBlock, address: IpAddress): boolean {
  if (block.v6 !== address.v6) return false;
  for (let i = 0; i < block.words.length; i++) {
    const bits = Math.min(32, block.prefix - 32 * i);
    if (bits <= 0) return true;
    const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    if ((((block.words[i] ?? 0) & mask) >>> 0) !== (((address.words[i] ?? 0) & mask) >>> 0)) return false;
  }
  return true;
}
