"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "../../../../../../_components/Button";
import { ChoiceSelect } from "../../../../../../_components/ChoiceSelect";
import { Container } from "../../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../../_components/DataTable";
import { FormModal } from "../../../../../../_components/FormModal";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../../_trpc/client";
import { groupHref } from "../../../links";
import { useRefreshCognito, type Group } from "../../../use-pool";
import { RemoveFromGroupDialog } from "../../RemoveFromGroupDialog";

/** The user's groups (AdminListGroupsForUser), lowest precedence first, as their tokens list them. */
export function UserGroups({ poolId, username, canChange }: { poolId: string; username: string; canChange: boolean }) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.cognito.adminListGroupsForUser.queryOptions({ UserPoolId: poolId, Username: username }, { select: (data) => data.Groups }));
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"add" | "remove" | null>(null);

  const columns: Column<Group>[] = [
    selectColumn(radioName, (g) => g.GroupName, selected, setSelected),
    { header: "Group name", cell: (g) => <Link href={groupHref(poolId, g.GroupName)}>{g.GroupName}</Link> },
    { header: "Description", cell: (g) => g.Description ?? "–" },
    { header: "Precedence", cell: (g) => g.Precedence ?? "–", nowrap: true },
  ];

  return (
    <Container
      title="Group memberships"
      counter={groups.data?.length}
      flush
      actions={
        <>
          <Button disabled={!selected || !canChange} onClick={() => setDialog("remove")}>
            Remove user from group
          </Button>
          <Button disabled={!canChange} onClick={() => setDialog("add")}>
            Add user to group
          </Button>
        </>
      }
    >
      <QueryResult query={groups} loadingLabel="Loading groups">
        {(rows) => (
          <DataTable label="Group memberships" columns={columns} rows={rows} rowKey={(g) => g.GroupName} empty={<EmptyState title="No groups">This user isn&apos;t in any group.</EmptyState>} />
        )}
      </QueryResult>
      {dialog === "add" && <AddToGroupModal poolId={poolId} username={username} memberOf={groups.data ?? []} onClose={() => setDialog(null)} />}
      <RemoveFromGroupDialog
        poolId={poolId}
        membership={dialog === "remove" && selected ? { username, groupName: selected } : null}
        onClose={() => {
          setDialog(null);
          setSelected(null);
        }}
      />
    </Container>
  );
}

/** AdminAddUserToGroup, choosing among the pool's groups the user isn't in (the first 60, as ListGroups returns them). */
function AddToGroupModal({ poolId, username, memberOf, onClose }: { poolId: string; username: string; memberOf: readonly Group[]; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const all = useQuery(trpc.cognito.listGroups.queryOptions({ UserPoolId: poolId, Limit: 60 }, { select: (data) => data.Groups }));
  const choices = (all.data ?? []).filter((g) => !memberOf.some((m) => m.GroupName === g.GroupName)).map((g) => ({ value: g.GroupName, label: g.GroupName }));
  const [groupName, setGroupName] = useState("");
  const chosen = groupName || choices[0]?.value;
  const add = useMutation(
    trpc.cognito.adminAddUserToGroup.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title="Add user to group"
      submitLabel="Add"
      pending={add.isPending}
      submitDisabled={!chosen}
      error={add.error}
      onClose={onClose}
      onSubmit={() => chosen && add.mutate({ UserPoolId: poolId, Username: username, GroupName: chosen })}
    >
      <QueryResult query={all} loadingLabel="Loading groups">
        {() =>
          choices.length === 0 ? (
            <p className="text-secondary">There are no other groups to add this user to. Create groups on the pool&apos;s Groups tab.</p>
          ) : (
            <ChoiceSelect label="Group" choices={choices} value={chosen ?? ""} onChange={setGroupName} />
          )
        }
      </QueryResult>
    </FormModal>
  );
}
