import type { ReactNode } from "react";
import { errorMessage } from "../_lib/errors";
import { Alert } from "./Alert";
import { LoadingState } from "./Spinner";

export interface QueryLike<Data> {
  data: Data | undefined;
  error: unknown;
  isPending: boolean;
}

/** A query's three states: a spinner while loading, the server's message on error, else the content. */
export function QueryResult<Data>({ query, loadingLabel, children }: { query: QueryLike<Data>; loadingLabel: string; children: (data: Data) => ReactNode }) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.data === undefined) return <Alert type="error">{errorMessage(query.error)}</Alert>;
  return children(query.data);
}
