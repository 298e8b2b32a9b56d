/**
 * Deployment packages: validated as AWS validates uploads, stored once per content (SHA-256) in
 * Postgres so any worker can fetch them, and deleted when no version or layer version uses them.
 */
import { createHash } from "node:crypto";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import { LambdaErrors } from "./errors";
import { LIMITS } from "./limits";

export interface CodePackage {
  zip: Buffer;
  /** base64 SHA-256, AWS's CodeSha256. */
  sha256: string;
  size: number;
  /** The sum of the entries' sizes, extracted. */
  unzippedSize: number;
}

function codeSha256(zip: Uint8Array): string {
  return createHash("sha256").update(zip).digest("base64");
}

/**
 * Checks an uploaded .zip: at most 50 MB, a readable archive, at most 250 MB extracted. The
 * extracted size is read from the central directory without inflating anything; the worker that
 * extracts the package enforces it again on the real bytes.
 */
export function inspectZip(zip: Buffer): CodePackage {
  if (zip.length > LIMITS.zippedCodeBytes) throw LambdaErrors.zippedTooLarge(LIMITS.zippedCodeBytes);
  let unzippedSize = 0;
  try {
    unzipSync(zip, {
      filter: (file) => {
        unzippedSize += file.originalSize;
        return false;
      },
    });
  } catch {
    throw LambdaErrors.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
  if (unzippedSize > LIMITS.unzippedCodeBytes) {
    throw LambdaErrors.invalidParameter(`Unzipped size must be smaller than ${LIMITS.unzippedCodeBytes} bytes`);
  }
  return { zip, sha256: codeSha256(zip), size: zip.length, unzippedSize };
}

/** A file of the console's inline editor. */
export interface InlineFile {
  path: string;
  content: string;
  /** Stored with mode 755 (a custom runtime's `bootstrap`). */
  executable?: boolean;
}

const UNIX = 3;

/** Zips the console editor's files as a deployment package would hold them. */
export function zipInlineFiles(files: readonly InlineFile[]): Buffer<ArrayBuffer> {
  const entries: Zippable = {};
  for (const file of files) {
    const segments = file.path.split("/");
    if (file.path.startsWith("/") || segments.some((s) => s === "" || s === "." || s === "..")) {
      throw LambdaErrors.invalidParameter(`Invalid file path ${file.path}: use a relative path without '.' or '..' segments.`);
    }
    if (file.path in entries) throw LambdaErrors.invalidParameter(`Duplicate file path ${file.path}.`);
    entries[file.path] = [strToU8(file.content), { os: UNIX, attrs: (file.executable ? 0o100755 : 0o100644) << 16 }];
  }
  return Buffer.from(zipSync(entries));
}

/**
 * Stores a package inside the caller's transaction, before the row that references it. An existing
 * blob is locked (KEY SHARE) so a concurrent clean-up cannot delete it before this transaction commits.
 */
export async function storeCode(tx: Db, pkg: CodePackage): Promise<void> {
  const existing = await tx.$queryRaw<{ sha256: string }[]>`
    SELECT sha256 FROM lambda_code_blobs WHERE sha256 = ${pkg.sha256} FOR KEY SHARE`;
  if (existing.length > 0) return;
  // A concurrent upload of the same bytes may win the insert: the no-op update then locks its row.
  await tx.$executeRaw`
    INSERT INTO lambda_code_blobs (sha256, size, unzipped_size, data) VALUES (${pkg.sha256}, ${pkg.size}, ${pkg.unzippedSize}, ${pkg.zip})
    ON CONFLICT (sha256) DO UPDATE SET size = EXCLUDED.size`;
}

const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Deletes the blobs no version, function layer or layer version references any more; run after the
 * deleting transaction commits. A blob that a concurrent transaction has just referenced again is
 * kept: its foreign keys refuse the delete.
 */
export async function releaseCode(sha256s: Iterable<string>): Promise<void> {
  for (const sha256 of new Set(sha256s)) {
    try {
      await pgPool().query(
        `DELETE FROM lambda_code_blobs WHERE sha256 = $1
           AND NOT EXISTS (SELECT 1 FROM lambda_versions WHERE code_sha256 = $1)
           AND NOT EXISTS (SELECT 1 FROM lambda_version_layers WHERE code_sha256 = $1)
           AND NOT EXISTS (SELECT 1 FROM lambda_layer_versions WHERE code_sha256 = $1)`,
        [sha256],
      );
    } catch (error) {
      if ((error as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
}

/** A stored package's bytes (function code or layer content) by its CodeSha256; null once no version uses it. */
export async function findCodeZip(db: Db, sha256: string): Promise<Buffer | null> {
  const blob = await db.lambdaCodeBlob.findUnique({ where: { sha256 }, select: { data: true } });
  return blob && Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength);
}

/** The package a resolved function or layer names (the reference guarantees it is stored). */
export async function getCodeZip(db: Db, sha256: string): Promise<Buffer> {
  const zip = await findCodeZip(db, sha256);
  if (!zip) throw new Error(`Lambda code ${sha256} is not stored`);
  return zip;
}
