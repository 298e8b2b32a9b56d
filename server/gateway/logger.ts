/** Where the gateway reports what it cannot tell the client (internal failures, audit write errors, lost listeners). */
export type GatewayLogger = Pick<Console, "info" | "warn" | "error">;
