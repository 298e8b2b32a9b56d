/** Prisma's unique-constraint violation (P2002): the row another request inserted first. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
