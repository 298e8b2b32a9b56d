"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Button } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { FormModal } from "../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { useTRPC } from "../../../../_trpc/client";
import { Checkbox } from "../Checkbox";
import { poolUpdate, type PoolChanges } from "../pool-settings";
import { useRefreshCognito, type UserPool } from "../use-pool";

interface SettingsPanelProps {
  title: string;
  description?: ReactNode;
  canChange: boolean;
  /** The panel's edit dialog, given the function that closes it. */
  editor: (close: () => void) => ReactNode;
  children: ReactNode;
}

/** A panel of pool settings with the Edit button that opens its dialog. */
export function SettingsPanel({ title, description, canChange, editor, children }: SettingsPanelProps) {
  const [editing, setEditing] = useState(false);
  return (
    <Container
      title={title}
      description={description}
      actions={
        <Button aria-label={`Edit ${title.toLowerCase()}`} disabled={!canChange} onClick={() => setEditing(true)}>
          Edit
        </Button>
      }
    >
      {children}
      {editing && editor(() => setEditing(false))}
    </Container>
  );
}

interface PoolSettingsModalProps {
  pool: UserPool;
  title: string;
  submitLabel?: string;
  /** The settings to change, or null when the form has errors to show first. */
  changes: () => PoolChanges | null;
  onClose: () => void;
  children: ReactNode;
}

/** An UpdateUserPool dialog: the change is sent with every other current setting, which UpdateUserPool would otherwise reset. */
export function PoolSettingsModal({ pool, title, submitLabel = "Save changes", changes, onClose, children }: PoolSettingsModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const update = useMutation(
    trpc.cognito.updateUserPool.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title={title}
      submitLabel={submitLabel}
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onSubmit={() => {
        const change = changes();
        if (change) update.mutate(poolUpdate(pool, change));
      }}
    >
      {children}
    </FormModal>
  );
}

interface ToggleSettingPanelProps {
  pool: UserPool;
  canChange: boolean;
  title: string;
  description?: ReactNode;
  /** The setting's name in the panel, and the words for its two states. */
  setting: string;
  states: { on: string; off: string };
  /** The edit dialog's checkbox. */
  label: string;
  on: boolean;
  changes: (on: boolean) => PoolChanges;
}

/** A panel of one setting that is on or off, e.g. deletion protection, and its edit dialog. */
export function ToggleSettingPanel({ pool, canChange, title, description, setting, states, label, on, changes }: ToggleSettingPanelProps) {
  return (
    <SettingsPanel
      title={title}
      description={description}
      canChange={canChange}
      editor={(close) => <ToggleSettingModal pool={pool} title={`Edit ${title.toLowerCase()}`} label={label} on={on} changes={changes} onClose={close} />}
    >
      <KeyValueGrid label={title}>
        <KeyValue label={setting}>{on ? states.on : states.off}</KeyValue>
      </KeyValueGrid>
    </SettingsPanel>
  );
}

function ToggleSettingModal({ pool, title, label, on, changes, onClose }: Pick<ToggleSettingPanelProps, "pool" | "title" | "label" | "on" | "changes"> & { onClose: () => void }) {
  const [checked, setChecked] = useState(on);
  return (
    <PoolSettingsModal pool={pool} title={title} changes={() => changes(checked)} onClose={onClose}>
      <Checkbox checked={checked} onChange={setChecked}>
        {label}
      </Checkbox>
    </PoolSettingsModal>
  );
}
