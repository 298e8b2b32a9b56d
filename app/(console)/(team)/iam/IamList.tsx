"use client";

import { useId, useState, type ReactNode } from "react";
import { Button, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { QueryResult, type QueryLike } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { DeleteIamDialog, type IamDeletion } from "./DeleteIamDialog";
import { useRefreshIam } from "./use-iam";

interface IamListProps<Row> {
  /** Plural, capitalised: "Roles". */
  title: string;
  /** One of them, for the buttons: "role". */
  singular: string;
  items: QueryLike<readonly Row[]> & { isFetching: boolean };
  columns: Column<Row>[];
  /** The row's unique name, which its radio button and the delete dialog use. */
  nameOf: (row: Row) => string;
  /** What the search box looks in, besides the name: a description. */
  detailOf?: (row: Row) => string | undefined;
  /** The selected row's deletion, or null where it can't be deleted (AWS managed policies). */
  deletionOf: (row: Row) => IamDeletion | null;
  canChange: boolean;
  /** The create button, in the header and (named apart) in the empty state. */
  createAction: (label: string) => ReactNode;
  /** What the table shows, above the search: a filter. */
  filters?: ReactNode;
  /** The empty state's line when the account has none. */
  emptyText: string;
}

/** An IAM list as the console draws it: refresh, delete and create above a searchable table with one row selectable. */
export function IamList<Row>({ title, singular, items, columns, nameOf, detailOf, deletionOf, canChange, createAction, filters, emptyText }: IamListProps<Row>) {
  const refresh = useRefreshIam();
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<IamDeletion | null>(null);
  const radioName = useId();
  const noun = title.toLowerCase();

  const needle = search.trim().toLowerCase();
  const rows = (items.data ?? []).filter((row) => [nameOf(row), detailOf?.(row) ?? ""].some((text) => text.toLowerCase().includes(needle)));
  const selectedRow = items.data?.find((row) => nameOf(row) === selected);
  const deletion = selectedRow && deletionOf(selectedRow);

  return (
    <Container
      title={title}
      counter={items.data?.length}
      flush
      actions={
        <>
          <RefreshButton label={`Refresh ${noun}`} refreshing={items.isFetching && !items.isPending} onRefresh={() => void refresh()} />
          <Button disabled={!deletion || !canChange} onClick={() => setDeleting(deletion ?? null)}>
            Delete
          </Button>
          {createAction(`Create ${singular}`)}
        </>
      }
    >
      {filters}
      <SearchField label={`Search ${noun}`} placeholder={`Search ${noun} by name${detailOf ? " or description" : ""}`} value={search} onChange={setSearch} />
      <QueryResult query={items} loadingLabel={`Loading ${noun}`}>
        {(all) => (
          <DataTable
            label={title}
            columns={[selectColumn(radioName, nameOf, selected, setSelected), ...columns]}
            rows={rows}
            rowKey={nameOf}
            empty={
              all.length > 0 ? (
                <EmptyState title="No matches" action={<Button onClick={() => setSearch("")}>Clear filter</Button>}>
                  No {noun} match “{search}”.
                </EmptyState>
              ) : (
                <EmptyState title={`No ${noun}`} action={createAction(`Create your first ${singular}`)}>
                  {emptyText}
                </EmptyState>
              )
            }
          />
        )}
      </QueryResult>
      <DeleteIamDialog
        target={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </Container>
  );
}
