import { unzipSync } from "fflate";
import type { SourceFile } from "./runtimes";

/** The console edits packages up to this size inline, as AWS's does (3 MB). */
export const INLINE_EDIT_LIMIT = 3 * 1024 * 1024;

export interface PackageContents {
  /** Text files, sorted by path. */
  files: SourceFile[];
  /** Files that aren't UTF-8 text (images, native modules): the editor can't round-trip them. */
  binary: string[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Downloads a function's package from GetFunction's Code.Location (a presigned gateway URL) and
 * unzips it in the browser. The zip doesn't carry file modes through fflate, so a file is marked
 * executable when it is a custom runtime's bootstrap or starts with a shebang.
 */
export async function fetchPackage(location: string, signal?: AbortSignal): Promise<PackageContents> {
  const res = await fetch(location, { signal });
  if (!res.ok) throw new Error(`The code could not be downloaded (HTTP ${res.status}).`);
  const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const files: SourceFile[] = [];
  const binary: string[] = [];
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith("/")) continue;
    try {
      const content = utf8.decode(bytes);
      files.push({ path, content, ...((path === "bootstrap" || content.startsWith("#!")) && { executable: true }) });
    } catch {
      binary.push(path);
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, binary };
}

export interface TreeFolder {
  name: string;
  path: string;
  folders: TreeFolder[];
  files: { name: string; path: string }[];
}

/** Paths as a folder tree, folders first, each level sorted by name. */
export function fileTree(paths: readonly string[]): TreeFolder {
  const root: TreeFolder = { name: "", path: "", folders: [], files: [] };
  for (const path of paths) {
    const parts = path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.find((f) => f.name === part);
      if (!next) {
        next = { name: part, path: folder.path ? `${folder.path}/${part}` : part, folders: [], files: [] };
        folder.folders.push(next);
      }
      folder = next;
    }
    folder.files.push({ name: parts.at(-1) ?? path, path });
  }
  const sort = (folder: TreeFolder) => {
    folder.folders.sort((a, b) => a.name.localeCompare(b.name));
    folder.files.sort((a, b) => a.name.localeCompare(b.name));
    folder.folders.forEach(sort);
  };
  sort(root);
  return root;
}

/** A file name the package may hold: relative, no empty or dot segments. */
export function checkFilePath(path: string, existing: readonly string[]): string | undefined {
  const trimmed = path.trim();
  if (!trimmed) return "Enter a file name.";
  if (trimmed.startsWith("/") || trimmed.split("/").some((part) => part === "" || part === "." || part === "..")) {
    return "Use a relative path such as utils/helpers.mjs, without empty, . or .. parts.";
  }
  if (existing.includes(trimmed)) return `${trimmed} already exists.`;
  if (existing.some((p) => p.startsWith(`${trimmed}/`) || trimmed.startsWith(`${p}/`))) return `${trimmed} clashes with a folder or file of the same name.`;
  return undefined;
}
