/** Where the gateway reports what it cannot tell the client (internal failures, audit write errors). */
export type GatewayLogger = Pick<Console, "info" | "error">;
