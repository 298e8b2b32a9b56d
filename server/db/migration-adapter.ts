import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { parseDatabaseUrl } from "./connection";

// pg catalog types the schema engine reads but the adapter cannot map; their text form is what it wants.
const CATALOG_TEXT_OIDS = new Set([18, 19, 22, 24, 30]);
const TEXT_OID = 25;

interface PerformsIO {
  performIO(query: SqlQuery): Promise<{ fields: { dataTypeID: number }[] }>;
}

function readCatalogTypesAsText(queryable: object): void {
  const target = queryable as PerformsIO;
  const original = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await original(query);
    for (const field of result.fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    return result;
  };
}

/** Driver adapter factory for `prisma migrate` with the JS engine (see DEVELOPERS.md). */
export function migrationAdapterFactory(databaseUrl?: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(parseDatabaseUrl(databaseUrl));
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    readCatalogTypesAsText(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel): Promise<Transaction> => {
      const tx = await startTransaction(isolationLevel);
      readCatalogTypesAsText(tx);
      return tx;
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  };
}
