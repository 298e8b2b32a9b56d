/**
 * CBOR (RFC 8949) as AWS's CBOR protocol uses it: maps with text keys, text and byte strings,
 * integers, floats, booleans, null, and tag 1 on timestamps. Decoding accepts every encoding a
 * client may choose (indefinite lengths, half floats); encoding writes the shortest form.
 */

export class CborError extends Error {}

/** A tagged data item (RFC 8949 §3.4), kept for the caller to interpret. */
export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: unknown,
  ) {}
}

/** Nesting deeper than this is refused rather than risking the stack on a hostile body. */
const MAX_DEPTH = 64;
const BREAK = Symbol("break");

class Reader {
  #pos = 0;
  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.#pos >= this.buf.length;
  }

  #take(n: number): Buffer {
    if (this.#pos + n > this.buf.length) throw new CborError("Unexpected end of CBOR input");
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  #argument(info: number): number {
    if (info < 24) return info;
    if (info === 24) return this.#take(1).readUInt8(0);
    if (info === 25) return this.#take(2).readUInt16BE(0);
    if (info === 26) return this.#take(4).readUInt32BE(0);
    if (info === 27) {
      const big = this.#take(8).readBigUInt64BE(0);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError("CBOR integer out of range");
      return Number(big);
    }
    throw new CborError(`Invalid CBOR additional information ${info}`);
  }

  /** The chunks of an indefinite-length byte or text string, joined. */
  #chunks(major: number): Buffer {
    const parts: Buffer[] = [];
    for (;;) {
      const initial = this.#take(1).readUInt8(0);
      if (initial === 0xff) return Buffer.concat(parts);
      if (initial >> 5 !== major || (initial & 31) === 31) throw new CborError("Invalid chunk in an indefinite-length CBOR string");
      parts.push(this.#take(this.#argument(initial & 31)));
    }
  }

  item(depth = 0): unknown {
    const value = this.#item(depth);
    if (value === BREAK) throw new CborError("Unexpected CBOR break");
    return value;
  }

  #item(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new CborError("CBOR nesting too deep");
    const initial = this.#take(1).readUInt8(0);
    const major = initial >> 5;
    const info = initial & 31;
    const indefinite = info === 31;
    switch (major) {
      case 0:
        return this.#argument(info);
      case 1:
        return -1 - this.#argument(info);
      case 2:
        return indefinite ? this.#chunks(2) : Buffer.from(this.#take(this.#argument(info)));
      case 3:
        return (indefinite ? this.#chunks(3) : this.#take(this.#argument(info))).toString("utf8");
      case 4: {
        const items: unknown[] = [];
        if (indefinite) {
          for (let v = this.#item(depth + 1); v !== BREAK; v = this.#item(depth + 1)) items.push(v);
        } else {
          for (let n = this.#argument(info); n > 0; n--) items.push(this.item(depth + 1));
        }
        return items;
      }
      case 5: {
        const map: Record<string, unknown> = {};
        const entry = (key: unknown) => {
          if (typeof key !== "string") throw new CborError("CBOR map keys must be text strings");
          // Defined, not assigned: a "__proto__" key must stay data, not become the map's prototype.
          Object.defineProperty(map, key, { value: this.item(depth + 1), enumerable: true, writable: true, configurable: true });
        };
        if (indefinite) {
          for (let k = this.#item(depth + 1); k !== BREAK; k = this.#item(depth + 1)) entry(k);
        } else {
          for (let n = this.#argument(info); n > 0; n--) entry(this.item(depth + 1));
        }
        return map;
      }
      case 6:
        return new CborTag(this.#argument(info), this.item(depth + 1));
      default:
        return this.#simple(info);
    }
  }

  #simple(info: number): unknown {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return halfFloat(this.#take(2).readUInt16BE(0));
      case 26:
        return this.#take(4).readFloatBE(0);
      case 27:
        return this.#take(8).readDoubleBE(0);
      case 31:
        return BREAK;
      default:
        throw new CborError(`Unsupported CBOR simple value ${info}`);
    }
  }
}

function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** One CBOR data item; anything after it, or a malformed item, is a CborError. */
export function decodeCbor(buf: Buffer): unknown {
  const reader = new Reader(buf);
  const value = reader.item();
  if (!reader.done) throw new CborError("Unexpected data after the CBOR item");
  return value;
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  if (n < 0x100000000) {
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = (major << 5) | 27;
  b.writeBigUInt64BE(BigInt(n), 1);
  return b;
}

function encodeInto(value: unknown, out: Buffer[]): void {
  if (value === null || value === undefined) out.push(Buffer.from([0xf6]));
  else if (value === false) out.push(Buffer.from([0xf4]));
  else if (value === true) out.push(Buffer.from([0xf5]));
  else if (typeof value === "number") {
    if (Number.isSafeInteger(value)) out.push(value >= 0 ? head(0, value) : head(1, -1 - value));
    else {
      const b = Buffer.alloc(9);
      b[0] = 0xfb;
      b.writeDoubleBE(value, 1);
      out.push(b);
    }
  } else if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    out.push(head(3, text.length), text);
  } else if (value instanceof Uint8Array) out.push(head(2, value.length), Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  else if (value instanceof CborTag) {
    out.push(head(6, value.tag));
    encodeInto(value.value, out);
  } else if (Array.isArray(value)) {
    out.push(head(4, value.length));
    for (const item of value) encodeInto(item, out);
  } else if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    out.push(head(5, entries.length));
    for (const [key, v] of entries) {
      encodeInto(key, out);
      encodeInto(v, out);
    }
  } else throw new CborError(`Cannot encode a ${typeof value} as CBOR`);
}

/** `value` as CBOR: plain objects become maps (undefined members left out), Uint8Arrays byte strings. */
export function encodeCbor(value: unknown): Buffer<ArrayBuffer> {
  const out: Buffer[] = [];
  encodeInto(value, out);
  return Buffer.concat(out);
}
