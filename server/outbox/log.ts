/** What the outbox machinery logs through; `console` fits. */
export type Logger = Pick<Console, "info" | "warn" | "error">;
