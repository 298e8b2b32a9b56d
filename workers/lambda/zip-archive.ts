// Reads a .zip's central directory and inflates its entries one at a time. fflate's unzip does not expose the
// external attributes (the Unix mode that makes `bootstrap` executable), so the directory is parsed here and
// fflate only inflates.
import { inflateSync } from "fflate";

/** AWS's limit on a function's or layer's unzipped size. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

/** A .zip that Lambda would refuse; `message` is what AWS answers (InvalidParameterValueException). */
export class CodeArchiveError extends Error {
  override name = "CodeArchiveError";
}

const UNZIP_FAILED = "Could not unzip uploaded file. Please check your file, then try to upload again.";

export interface ZipEntry {
  name: string;
  /** Unix permission and type bits when the archive was made on Unix, else 0. */
  mode: number;
  isDirectory: boolean;
  isSymlink: boolean;
  compression: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;
const UINT32_MAX = 0xffffffff;

function fail(message = UNZIP_FAILED): never {
  throw new CodeArchiveError(message);
}

function view(zip: Uint8Array): DataView {
  return new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
}

function findEndOfCentralDirectory(dv: DataView): number {
  const last = dv.byteLength - 22;
  for (let i = last; i >= Math.max(0, last - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) return i;
  }
  return fail();
}

/** Where the central directory starts and how many entries it has, following the Zip64 locator when present. */
function centralDirectory(dv: DataView): { offset: number; count: number } {
  const eocd = findEndOfCentralDirectory(dv);
  let count = dv.getUint16(eocd + 10, true);
  let offset = dv.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === UINT32_MAX) && eocd >= 20 && dv.getUint32(eocd - 20, true) === 0x07064b50) {
    const zip64 = Number(dv.getBigUint64(eocd - 12, true));
    if (zip64 + 56 > dv.byteLength || dv.getUint32(zip64, true) !== 0x06064b50) fail();
    count = Number(dv.getBigUint64(zip64 + 32, true));
    offset = Number(dv.getBigUint64(zip64 + 48, true));
  }
  return { offset, count };
}

/** Sizes and offset stored as 0xffffffff live, in this order, in the Zip64 extra field (id 1). */
function zip64Values(dv: DataView, extraStart: number, extraEnd: number): bigint[] {
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const id = dv.getUint16(p, true);
    const len = dv.getUint16(p + 2, true);
    if (id === 1) {
      const values: bigint[] = [];
      for (let q = p + 4; q + 8 <= p + 4 + len; q += 8) values.push(dv.getBigUint64(q, true));
      return values;
    }
    p += 4 + len;
  }
  return [];
}

const utf8 = new TextDecoder("utf-8", { fatal: false });
const latin1 = new TextDecoder("latin1");

export function readZipEntries(zip: Uint8Array): ZipEntry[] {
  if (zip.byteLength < 22) fail();
  const dv = view(zip);
  const { offset, count } = centralDirectory(dv);
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dv.byteLength || dv.getUint32(p, true) !== 0x02014b50) fail();
    const host = dv.getUint16(p + 4, true) >> 8;
    const flags = dv.getUint16(p + 8, true);
    const compression = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const external = dv.getUint32(p + 38, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    const extraStart = p + 46 + nameLength;
    if (size === UINT32_MAX || compressedSize === UINT32_MAX || localHeaderOffset === UINT32_MAX) {
      const values = zip64Values(dv, extraStart, extraStart + extraLength);
      if (size === UINT32_MAX) size = Number(values.shift() ?? fail());
      if (compressedSize === UINT32_MAX) compressedSize = Number(values.shift() ?? fail());
      if (localHeaderOffset === UINT32_MAX) localHeaderOffset = Number(values.shift() ?? fail());
    }
    if (flags & 1) fail("Encrypted .zip entries are not supported.");
    const mode = host === UNIX_HOST ? external >>> 16 : 0;
    entries.push({
      name,
      mode,
      isDirectory: name.endsWith("/") || (mode & S_IFMT) === S_IFDIR || (host !== UNIX_HOST && (external & 0x10) !== 0),
      isSymlink: (mode & S_IFMT) === S_IFLNK,
      compression,
      compressedSize,
      size,
      localHeaderOffset,
    });
    p = extraStart + extraLength + commentLength;
  }
  return entries;
}

/** Checks names (no absolute paths, no `..`) and the total unzipped size, as Lambda does at upload. */
export function validateZipEntries(entries: ZipEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    const name = entry.name;
    if (name.length === 0 || name.startsWith("/") || name.includes("\0") || /^[A-Za-z]:/.test(name)) fail();
    if (name.split("/").some((segment) => segment === "..")) fail();
    if (entry.compression !== 0 && entry.compression !== 8) fail();
    total += entry.size;
  }
  if (total > MAX_UNZIPPED_BYTES) fail(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
}

/** Parses and validates an archive without extracting it (for upload-time checks). Returns the unzipped size. */
export function inspectZip(zip: Uint8Array): { entries: ZipEntry[]; unzippedSize: number } {
  const entries = readZipEntries(zip);
  validateZipEntries(entries);
  return { entries, unzippedSize: entries.reduce((sum, e) => sum + e.size, 0) };
}

/** The inflated bytes of one entry; never longer than the size the directory declared. */
export function entryData(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(zip);
  const at = entry.localHeaderOffset;
  if (at + 30 > dv.byteLength || dv.getUint32(at, true) !== 0x04034b50) fail();
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > dv.byteLength) fail();
  const raw = zip.subarray(start, end);
  if (entry.compression === 0) return raw.subarray(0, entry.size);
  try {
    return inflateSync(raw, { out: new Uint8Array(entry.size) });
  } catch {
    return fail();
  }
}
