/** `cidr` operands and the values they test. An IPv4-mapped IPv6 value stays IPv6 (no IPv4 range holds it). */
import { type IpRange, ipInRange as inRange, ipRange, parseIp } from "../../../lib/ip";
import { invalid } from "./errors";

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
  return ipRange(ip, bits, { clearHostBits: false });
}

export function ipInRange(range: IpRange, text: string): boolean {
  const ip = parseIp(text);
  return ip !== undefined && inRange(range, ip);
}
