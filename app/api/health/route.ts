import { prisma } from "~/server/db/client";

/** Readiness of the console process: answers once Next is serving and Postgres responds. */
export async function GET() {
  try {
    await prisma().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}

export const dynamic = "force-dynamic";
