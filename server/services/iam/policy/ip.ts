/**
 * IAM's reading of addresses and blocks for IpAddress / NotIpAddress: a request's IPv4-mapped IPv6 address
 * counts as the IPv4 address, and a block is a network (`10.0.0.5/24` covers 10.0.0.0/24).
 */
import { type IpAddress, type IpRange, ipBits, ipInRange, ipRange, parseIp as parseAddress } from "../../../lib/ip";

export type CidrBlock = IpRange;

/** A request's address (aws:SourceIp and the like). */
export const parseIp = (text: string): IpAddress | undefined => parseAddress(text, { unmapIPv4: true });

/** `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a block of one); undefined when malformed. */
export function parseCidr(text: string): CidrBlock | undefined {
  const [addressText = "", prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0) return undefined;
  const address = parseAddress(addressText);
  if (!address) return undefined;
  const bits = ipBits(address.version);
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  return ipRange(address, prefix);
}

export const cidrContains = (block: CidrBlock, address: IpAddress): boolean => ipInRange(block, address);
