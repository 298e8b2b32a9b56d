// What /proc says about an execution context's processes: memory use, membership of its process group, and
// which process owns a loopback TCP connection. Reads of /proc never touch a disk, so the synchronous calls
// here cost microseconds.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { readdir, readFile, readlink } from "node:fs/promises";

export interface MemoryKb {
  /** Resident set size now. */
  rssKb: number;
  /** Peak resident set size since the process started. */
  hwmKb: number;
}

function statusField(status: string, field: string): number {
  const at = status.indexOf(`${field}:`);
  if (at < 0) return 0;
  return Number.parseInt(status.slice(at + field.length + 1).trimStart(), 10) || 0;
}

/** Memory of one process, or undefined once it has exited. */
function processMemory(pid: number): MemoryKb | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "latin1");
  } catch {
    return undefined;
  }
  return memoryOf(status);
}

const memoryOf = (status: string): MemoryKb => ({ rssKb: statusField(status, "VmRSS"), hwmKb: statusField(status, "VmHWM") });

/**
 * A process's memory read again and again through one open descriptor: each read regenerates the file, so
 * one pread per sample replaces open, fstat, read and close (a context samples it around every invocation).
 */
export class MemoryProbe {
  readonly #buffer = Buffer.alloc(8192);
  #fd: number | undefined;

  constructor(pid: number) {
    try {
      this.#fd = openSync(`/proc/${pid}/status`, "r");
    } catch {
      this.#fd = undefined;
    }
  }

  /** Memory now, or undefined once the process has exited. */
  read(): MemoryKb | undefined {
    if (this.#fd === undefined) return undefined;
    try {
      const length = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, 0);
      return memoryOf(this.#buffer.toString("latin1", 0, length));
    } catch {
      this.close();
      return undefined;
    }
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** Field 5 of /proc/<pid>/stat; the command name before it may contain spaces and parentheses. */
function processGroupOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[2]);
}

/** Every live process whose process group is `pgid` (a context's runtime and anything it started). */
export function processGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (processGroupOf(readFileSync(`/proc/${name}/stat`, "latin1")) === pgid) members.push(Number(name));
    } catch {
      // The process exited between readdir and read: it is no member any more.
    }
  }
  return members;
}

/** Sum of the resident memory of a process group. */
export function groupRssKb(pgid: number): number {
  return processGroupMembers(pgid).reduce((sum, pid) => sum + (processMemory(pid)?.rssKb ?? 0), 0);
}

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, "0");
}

/** The socket inode of the client end of a loopback connection from `clientPort` to `serverPort`. */
async function clientSocketInode(clientPort: number, serverPort: number): Promise<string | undefined> {
  const table = await readFile("/proc/net/tcp", "latin1");
  const local = `0100007F:${hexPort(clientPort)}`;
  const remote = `0100007F:${hexPort(serverPort)}`;
  for (const line of table.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols[1] === local && cols[2] === remote) return cols[9];
  }
  return undefined;
}

async function ownsSocket(pid: number, link: string): Promise<boolean> {
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      if ((await readlink(`/proc/${pid}/fd/${fd}`)) === link) return true;
    } catch {
      // The descriptor was closed while we looked.
    }
  }
  return false;
}

/**
 * Whether the client end of the loopback connection `clientPort → serverPort` is held by `pid` or another
 * member of its process group. Only a context's own processes may talk to its Runtime API: any process on the
 * machine can reach a loopback port, and the API hands out events and accepts results.
 */
export async function connectionFromGroup(pid: number, clientPort: number, serverPort: number): Promise<boolean> {
  const inode = await clientSocketInode(clientPort, serverPort);
  if (!inode) return false;
  const link = `socket:[${inode}]`;
  if (await ownsSocket(pid, link)) return true;
  for (const member of processGroupMembers(pid)) {
    if (member !== pid && (await ownsSocket(member, link))) return true;
  }
  return false;
}

/** Kills every member of a context's process group with SIGKILL. */
export function killGroup(pgid: number): void {
  // kill(-0) or kill(-1) would hit the worker's own group or every process it may signal.
  if (!Number.isInteger(pgid) || pgid <= 1) throw new Error(`Refusing to kill process group ${pgid}`);
  try {
    process.kill(-pgid, "SIGKILL");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}
