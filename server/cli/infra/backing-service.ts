/** Postgres or Redis as the processes will use it. */
export interface BackingService {
  url: string;
  /** Present when this CLI started the server: stops it (after the children are gone). */
  stop?: () => Promise<void>;
  /** Where a server started by this CLI keeps its data, for the startup log. */
  dataDir?: string;
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
