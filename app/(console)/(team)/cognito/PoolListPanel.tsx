"use client";

import { useId, useState, type ReactNode } from "react";
import { Button, ButtonLink, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { LoadMore } from "../logs/paging";

export interface PoolRef {
  id: string;
  name: string;
}

interface PoolListPanelProps<T> {
  /** "user pool" or "identity pool": the panel's labels are made from it. */
  noun: string;
  pools: {
    data: T[] | undefined;
    error: unknown;
    isPending: boolean;
    isFetching: boolean;
    isFetchingNextPage: boolean;
    hasNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  refOf(pool: T): PoolRef;
  /** The columns after the selection radio. */
  columns: Column<T>[];
  createHref: string;
  canChange: boolean;
  onRefresh(): void;
  /** The delete dialog for `pool` (null: closed); `done` closes it, `deleted` also clears the selection. */
  deleteDialog(pool: PoolRef | null, done: (deleted: boolean) => void): ReactNode;
}

/** A list of pools with search, selection, refresh, create, delete and paging: the user pools and identity pools pages. */
export function PoolListPanel<T>({ noun, pools, refOf, columns, createHref, canChange, onRefresh, deleteDialog }: PoolListPanelProps<T>) {
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PoolRef | null>(null);
  const radioName = useId();
  const plural = `${noun}s`;
  const title = plural.charAt(0).toUpperCase() + plural.slice(1);

  const needle = filter.trim().toLowerCase();
  const rows = (pools.data ?? []).filter((p) => {
    const { id, name } = refOf(p);
    return name.toLowerCase().includes(needle) || id.toLowerCase().includes(needle);
  });
  const selectedPool = pools.data?.map(refOf).find((p) => p.id === selected) ?? null;

  const createButton = (label: string) => (
    <ButtonLink href={createHref} variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <Container
        title={title}
        counter={pools.data?.length}
        flush
        actions={
          <>
            <RefreshButton label={`Refresh ${plural}`} refreshing={pools.isFetching && !pools.isPending && !pools.isFetchingNextPage} onRefresh={onRefresh} />
            <Button disabled={!selectedPool || !canChange} onClick={() => setDeleting(selectedPool)}>
              Delete
            </Button>
            {createButton(`Create ${noun}`)}
          </>
        }
      >
        <SearchField label={`Search ${plural}`} placeholder={`Search ${plural} by name or ID`} value={filter} onChange={setFilter} />
        <QueryResult query={pools} loadingLabel={`Loading ${plural}`}>
          {(all) => (
            <>
              <DataTable
                label={title}
                columns={[selectColumn(radioName, (p: T) => refOf(p).id, selected, setSelected), ...columns]}
                rows={rows}
                rowKey={(p) => refOf(p).id}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No {noun} names or IDs contain “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title={`No ${plural}`} action={createButton(`Create your first ${noun}`)}>
                      You don&apos;t have any {plural} in this region.
                    </EmptyState>
                  )
                }
              />
              <LoadMore query={pools} />
            </>
          )}
        </QueryResult>
      </Container>
      {deleteDialog(deleting, (deleted) => {
        setDeleting(null);
        if (deleted) setSelected(null);
      })}
    </>
  );
}
