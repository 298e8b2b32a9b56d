"use client";

import { useState } from "react";
import type { PatchOperation } from "~/server/services/apigateway/patch";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { variableNameError } from "../../stage-settings";
import { type StageProps, useUpdateStage } from "./StageDetails";

interface Variable {
  name: string;
  value: string;
}

/** A variable's patch path: names are letters, digits and underscores, so they need no escaping. */
const variablePath = (name: string) => `/variables/${name}`;

/** Stage variables (`${stageVariables.name}` in integration URIs and templates), each added, changed or removed with UpdateStage. */
export function StageVariables({ api, stage, canChange }: StageProps) {
  // null: closed; a variable with an empty name: a new one.
  const [editing, setEditing] = useState<Variable | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useUpdateStage(() => setRemoving(null));
  const rows = Object.entries(stage.variables ?? {}).map(([name, value]) => ({ name, value }));

  const columns: Column<Variable>[] = [
    { header: "Name", cell: (v) => <code>{v.name}</code>, nowrap: true },
    { header: "Value", cell: (v) => <code className="break-all">{v.value}</code> },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (v) => (
        <div className="row-actions">
          <Button aria-label={`Edit stage variable ${v.name}`} disabled={!canChange} onClick={() => setEditing(v)}>
            Edit
          </Button>
          <Button aria-label={`Remove stage variable ${v.name}`} disabled={!canChange} onClick={() => setRemoving(v.name)}>
            Remove
          </Button>
        </div>
      ),
    },
  ];

  return (
    <Container
      title="Stage variables"
      counter={rows.length}
      description="Values the stage's integrations and mapping templates read as ${stageVariables.name}."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setEditing({ name: "", value: "" })}>
          Add stage variable
        </Button>
      }
    >
      <DataTable label="Stage variables" columns={columns} rows={rows} rowKey={(v) => v.name} empty={<EmptyState title="No stage variables" />} />
      {editing && (
        <StageVariableModal
          api={api} stage={stage}
          variable={editing}
          taken={rows.map((v) => v.name).filter((name) => name !== editing.name)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove stage variable"
        confirmLabel="Remove"
        action={remove}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ restApiId: api.id, stageName: stage.stageName, patchOperations: [{ op: "remove", path: variablePath(removing) }] })}
      >
        <p>
          Remove stage variable <code>{removing}</code>? Integrations and templates that read it get an empty value.
        </p>
      </ConfirmDialog>
    </Container>
  );
}

interface StageVariableModalProps extends Omit<StageProps, "canChange"> {
  variable: Variable;
  /** Names the stage's other variables have. */
  taken: readonly string[];
  onClose: () => void;
}

function StageVariableModal({ api, stage, variable, taken, onClose }: StageVariableModalProps) {
  const update = useUpdateStage(onClose);
  const [name, setName] = useState(variable.name);
  const [value, setValue] = useState(variable.value);
  const [submitted, setSubmitted] = useState(false);
  const error = variableNameError(name) ?? (taken.includes(name) ? `There is a variable named ${name} already.` : undefined);

  function submit() {
    setSubmitted(true);
    if (error) return;
    // A renamed variable is the old one removed and the new one set, in one update.
    const renamed = variable.name !== "" && variable.name !== name;
    const patchOperations: PatchOperation[] = [...(renamed ? [{ op: "remove", path: variablePath(variable.name) }] : []), { op: "replace", path: variablePath(name), value }];
    update.mutate({ restApiId: api.id, stageName: stage.stageName, patchOperations });
  }

  return (
    <FormModal title={variable.name ? `Edit stage variable ${variable.name}` : "Add stage variable"} pending={update.isPending} error={update.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Name" error={submitted ? error : undefined}>
          {(control) => <input {...control} className="input" value={name} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value.trim())} />}
        </FormField>
        <FormField label="Value">
          {(control) => <input {...control} className="input" value={value} autoComplete="off" spellCheck={false} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
      </div>
    </FormModal>
  );
}
