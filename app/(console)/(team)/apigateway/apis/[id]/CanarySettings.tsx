"use client";

import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { type StageProps, useUpdateStage } from "./StageDetails";

/**
 * A canary sends a share of the stage's requests to another deployment. It starts on the stage's own
 * deployment; deploying to the stage with canary settings moves the canary on.
 */
export function CanarySettings({ api, stage, canChange }: StageProps) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useUpdateStage(() => setDeleting(false));
  const canary = stage.canarySettings;

  return (
    <Container
      title="Canary"
      actions={
        canary && (
          <>
            <Button disabled={!canChange} onClick={() => setDeleting(true)}>
              Delete canary
            </Button>
            <Button disabled={!canChange} onClick={() => setEditing(true)}>
              Edit
            </Button>
          </>
        )
      }
    >
      {canary ? (
        <KeyValueGrid label="Canary">
          <KeyValue label="Requests directed to the canary">{canary.percentTraffic ?? 0} %</KeyValue>
          <KeyValue label="Canary deployment">{canary.deploymentId ? <code>{canary.deploymentId}</code> : "–"}</KeyValue>
          <KeyValue label="Stage cache">{canary.useStageCache ? "Used" : "Not used"}</KeyValue>
        </KeyValueGrid>
      ) : (
        <EmptyState
          title="No canary"
          action={
            <Button disabled={!canChange} onClick={() => setEditing(true)}>
              Create canary
            </Button>
          }
        >
          Try a new deployment on a share of the stage&apos;s requests before it serves them all.
        </EmptyState>
      )}
      {editing && <CanaryModal api={api} stage={stage} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={deleting}
        title="Delete canary"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ restApiId: api.id, stageName: stage.stageName, patchOperations: [{ op: "remove", path: "/canarySettings" }] })}
      >
        <p>Delete the canary? The stage&apos;s own deployment serves every request again.</p>
      </ConfirmDialog>
    </Container>
  );
}

function CanaryModal({ api, stage, onClose }: Omit<StageProps, "canChange"> & { onClose: () => void }) {
  const update = useUpdateStage(onClose);
  const creating = stage.canarySettings === undefined;
  const [percent, setPercent] = useState(String(stage.canarySettings?.percentTraffic ?? 10));
  const [submitted, setSubmitted] = useState(false);
  const value = Number(percent);
  const error = /^\d+(\.\d+)?$/.test(percent) && value <= 100 ? undefined : "Enter a percentage from 0 to 100.";

  function submit() {
    setSubmitted(true);
    if (error) return;
    update.mutate({
      restApiId: api.id,
      stageName: stage.stageName,
      patchOperations: [
        { op: "replace", path: "/canarySettings/percentTraffic", value: percent },
        ...(creating ? [{ op: "replace", path: "/canarySettings/deploymentId", value: stage.deploymentId }] : []),
      ],
    });
  }

  return (
    <FormModal title={creating ? "Create canary" : "Edit canary"} pending={update.isPending} error={update.error} onSubmit={submit} onClose={onClose}>
      <FormField label="Requests directed to the canary (%)" constraint="From 0 to 100; decimals are allowed." error={submitted ? error : undefined}>
        {(control) => <input {...control} className="input" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value.trim())} />}
      </FormField>
    </FormModal>
  );
}
