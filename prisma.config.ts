import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./server/db/connection";
import { migrationAdapterFactory } from "./server/db/migration-adapter";

// The schema's datasource reads DATABASE_URL; the default keeps `prisma generate` working without one.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

// The Rust schema engine cannot be downloaded on our machines, so migrations run
// through the JS engine and the pg driver adapter (see DEVELOPERS.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => migrationAdapterFactory(process.env.DATABASE_URL),
});
