"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../../_components/Button";
import { ChoiceSelect } from "../../../../../../_components/ChoiceSelect";
import { Container } from "../../../../../../_components/Container";
import { DataTable, type Column } from "../../../../../../_components/DataTable";
import { FormField } from "../../../../../../_components/FormField";
import { FormModal } from "../../../../../../_components/FormModal";
import { useTRPC } from "../../../../../../_trpc/client";
import { useRefreshCognito, type UserDetail, type UserPool } from "../../../use-pool";
import { attributeValue } from "../../../user-settings";

type Attribute = UserDetail["UserAttributes"][number];

const COLUMNS: Column<Attribute>[] = [
  { header: "Attribute name", cell: (a) => <code>{a.Name}</code>, nowrap: true },
  { header: "Value", cell: (a) => <span className="break-all">{a.Value}</span> },
];

interface UserAttributesProps {
  poolId: string;
  user: UserDetail;
  /** The pool's schema says which attributes can be set; until it loads, nothing can be edited. */
  pool: UserPool | undefined;
  canChange: boolean;
}

/** The user's attributes, one set at a time through AdminUpdateUserAttributes. */
export function UserAttributes({ poolId, user, pool, canChange }: UserAttributesProps) {
  const [editing, setEditing] = useState(false);
  return (
    <Container
      title="User attributes"
      flush
      actions={
        <Button disabled={!canChange || !pool} onClick={() => setEditing(true)}>
          Edit attribute
        </Button>
      }
    >
      <DataTable label="User attributes" columns={COLUMNS} rows={user.UserAttributes} rowKey={(a) => a.Name} empty={null} />
      {editing && pool && <EditAttributeModal poolId={poolId} user={user} pool={pool} onClose={() => setEditing(false)} />}
    </Container>
  );
}

/** One attribute the schema lets administrators change, starting from the user's current value. */
function EditAttributeModal({ poolId, user, pool, onClose }: { poolId: string; user: UserDetail; pool: UserPool; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const editable = pool.SchemaAttributes.filter((a) => a.Mutable && a.Name !== "sub").map((a) => ({ value: a.Name, label: a.Name }));
  const [name, setName] = useState(editable[0]?.value ?? "");
  const [value, setValue] = useState(attributeValue(user.UserAttributes, name) ?? "");
  const update = useMutation(
    trpc.cognito.adminUpdateUserAttributes.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title="Edit attribute"
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onSubmit={() => update.mutate({ UserPoolId: poolId, Username: user.Username, UserAttributes: [{ Name: name, Value: value }] })}
    >
      <div className="stack">
        <ChoiceSelect
          label="Attribute"
          choices={editable}
          value={name}
          onChange={(next) => {
            setName(next);
            setValue(attributeValue(user.UserAttributes, next) ?? "");
          }}
        />
        <FormField label="Value" description="Changing the email address or phone number marks it unverified.">
          {(control) => <input {...control} className="input" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
      </div>
    </FormModal>
  );
}
