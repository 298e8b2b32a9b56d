"use client";

import Link from "next/link";
import { useDeferredValue, useId, useState } from "react";
import { Button, RefreshButton } from "../../../../_components/Button";
import { ChoiceSelect } from "../../../../_components/ChoiceSelect";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../_components/DataTable";
import { Flash } from "../../../../_components/Flash";
import { FormField } from "../../../../_components/FormField";
import { QueryResult } from "../../../../_components/QueryResult";
import { formatDateTime } from "../../../../_lib/format";
import { LoadMore } from "../../logs/paging";
import { OUTBOX_HREF } from "../links";
import { useRefreshCognito, useUsers, type PoolUser, type UserPool } from "../use-pool";
import { userColumns } from "../user-columns";
import { FILTER_CHOICES, FILTER_PROPERTIES, filterExpression, type FilterProperty } from "../user-settings";
import { CreateUserModal } from "./CreateUserModal";
import { DeleteUserDialog } from "./DeleteUserDialog";

/** The pool's users (ListUsers, narrowed by one filter as Cognito allows), created and deleted here. */
export function UsersTab({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const refresh = useRefreshCognito();
  const [property, setProperty] = useState<FilterProperty>("username");
  const [value, setValue] = useState("");
  const filter = useDeferredValue(filterExpression(property, value.trim()));
  const users = useUsers(pool.Id, filter);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"create" | "delete" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const choices = FILTER_CHOICES[property];

  const columns: Column<PoolUser>[] = [
    selectColumn(radioName, (u) => u.Username, selected, setSelected),
    ...userColumns(pool.Id),
    { header: "Created", cell: (u) => formatDateTime(u.UserCreateDate) },
  ];

  return (
    <div className="stack-lg">
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container
        title="Users"
        counter={users.data?.length}
        description={
          <>
            Invitations and codes Cognito sends by email or SMS land in the team&apos;s outbox: <Link href={OUTBOX_HREF}>Messages sent to users</Link>.
          </>
        }
        flush
        actions={
          <>
            <RefreshButton label="Refresh users" refreshing={users.isFetching && !users.isPending && !users.isFetchingNextPage} onRefresh={() => void refresh()} />
            <Button disabled={!selected || !canChange} onClick={() => setDialog("delete")}>
              Delete user
            </Button>
            <Button variant="primary" disabled={!canChange} onClick={() => setDialog("create")}>
              Create user
            </Button>
          </>
        }
      >
        <div className="container-inset form-row filters">
          <ChoiceSelect
            label="Filter by"
            choices={FILTER_PROPERTIES}
            value={property}
            onChange={(next) => {
              setProperty(next);
              setValue("");
            }}
          />
          {choices ? (
            <ChoiceSelect label="Value" choices={[{ value: "", label: "Any" }, ...choices]} value={value} onChange={setValue} />
          ) : (
            <FormField label="Starts with">
              {(control) => <input {...control} type="search" className="input" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />}
            </FormField>
          )}
        </div>
        <QueryResult query={users} loadingLabel="Loading users">
          {(rows) => (
            <>
              <DataTable
                label="Users"
                columns={columns}
                rows={rows}
                rowKey={(u) => u.Username}
                empty={
                  filter ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setValue("")}>Clear filter</Button>}>
                      No users match {filter}.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No users">Users appear here when they sign up or when you create them.</EmptyState>
                  )
                }
              />
              <LoadMore query={users} />
            </>
          )}
        </QueryResult>
      </Container>
      {dialog === "create" && (
        <CreateUserModal
          pool={pool}
          onClose={() => setDialog(null)}
          onCreated={(username) => {
            setDialog(null);
            setDone(`User ${username} created.`);
          }}
        />
      )}
      <DeleteUserDialog
        poolId={pool.Id}
        username={dialog === "delete" ? selected : null}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          setSelected(null);
        }}
      />
    </div>
  );
}
