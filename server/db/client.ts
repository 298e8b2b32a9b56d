import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { parseDatabaseUrl } from "./connection";
import { PrismaClient } from "./generated/client";

export { Prisma } from "./generated/client";
export { PrismaClient };
/** A Prisma client or an interactive transaction: domain functions accept either. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createPrisma(databaseUrl: string, poolSize = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ ...parseDatabaseUrl(databaseUrl), max: poolSize }) });
}

const globalForPrisma = globalThis as unknown as { stratusPrisma?: PrismaClient };

/** The process's shared client (kept across Next.js dev reloads). */
export function prisma(): PrismaClient {
  globalForPrisma.stratusPrisma ??= createPrisma(env().DATABASE_URL);
  return globalForPrisma.stratusPrisma;
}
