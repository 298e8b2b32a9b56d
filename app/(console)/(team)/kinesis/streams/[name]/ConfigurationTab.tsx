"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { Flash } from "../../../../../_components/Flash";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC } from "../../../../../_trpc/client";
import { capacityOf, DEFAULT_KMS_KEY, formatRetention, modeLabel, RETENTION_RULE, retentionError } from "../../stream-settings";
import { useRefreshStreams, type LoadedStream } from "../../use-stream";
import { CapacityModeModal } from "./CapacityModeModal";

type Dialog = "mode" | "retention" | "encryption";

interface ModalProps {
  stream: LoadedStream;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** The stream's capacity, retention period and server-side encryption, each with its edit dialog. */
export function ConfigurationTab({ stream, canChange }: { stream: LoadedStream; canChange: boolean }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const capacity = capacityOf(stream.StreamModeDetails.StreamMode, stream.OpenShardCount);
  const edit = (which: Dialog) => (
    <Button
      disabled={!canChange}
      onClick={() => {
        setDone(null);
        setDialog(which);
      }}
    >
      Edit
    </Button>
  );
  const modal: ModalProps = {
    stream,
    onClose: () => setDialog(null),
    onDone: (message) => {
      setDialog(null);
      setDone(message);
    },
  };

  return (
    <div className="stack-lg">
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container title="Data stream capacity" actions={edit("mode")}>
        <KeyValueGrid label="Data stream capacity">
          <KeyValue label="Capacity mode">{modeLabel(stream.StreamModeDetails.StreamMode)}</KeyValue>
          <KeyValue label="Open shards">{stream.OpenShardCount}</KeyValue>
          <KeyValue label="Write capacity">{capacity.write}</KeyValue>
          <KeyValue label="Read capacity">{capacity.read}</KeyValue>
        </KeyValueGrid>
      </Container>
      <Container title="Data retention period" description="How long records stay readable after they arrive." actions={edit("retention")}>
        <KeyValueGrid label="Data retention period">
          <KeyValue label="Retention period">{formatRetention(stream.RetentionPeriodHours)}</KeyValue>
        </KeyValueGrid>
      </Container>
      <Container
        title="Server-side encryption"
        description="Stratus records the setting and the KMS key, as the API reports them; there is no KMS here, so records are stored as they come."
        actions={edit("encryption")}
      >
        <KeyValueGrid label="Server-side encryption">
          <KeyValue label="Server-side encryption">{stream.EncryptionType === "KMS" ? "Enabled" : "Disabled"}</KeyValue>
          <KeyValue label="KMS key">{stream.KeyId ? <code className="break-all">{stream.KeyId}</code> : "–"}</KeyValue>
        </KeyValueGrid>
      </Container>
      {dialog === "mode" && <CapacityModeModal {...modal} />}
      {dialog === "retention" && <RetentionModal {...modal} />}
      {dialog === "encryption" && <EncryptionModal {...modal} />}
    </div>
  );
}

/** IncreaseStreamRetentionPeriod or DecreaseStreamRetentionPeriod, whichever the new period needs. */
function RetentionModal({ stream, onClose, onDone }: ModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const current = stream.RetentionPeriodHours;
  const [hours, setHours] = useState(String(current));
  const [checked, setChecked] = useState(false);
  const error = retentionError(hours);
  const onSuccess = async () => {
    await refresh();
    onDone(`The retention period is now ${formatRetention(Number(hours))}.`);
  };
  const increase = useMutation(trpc.kinesis.increaseStreamRetentionPeriod.mutationOptions({ onSuccess }));
  const decrease = useMutation(trpc.kinesis.decreaseStreamRetentionPeriod.mutationOptions({ onSuccess }));
  const change = Number(hours) > current ? increase : decrease;

  return (
    <FormModal
      title="Edit data retention period"
      submitLabel="Save changes"
      pending={change.isPending}
      submitDisabled={Number(hours) === current}
      error={increase.error ?? decrease.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!error) change.mutate({ StreamName: stream.StreamName, RetentionPeriodHours: Number(hours) });
      }}
    >
      <FormField
        label="Retention period (hours)"
        description="A shorter period makes older records unreadable at once."
        constraint={RETENTION_RULE}
        error={checked ? error : undefined}
      >
        {(control) => <input {...control} className="input" inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value.trim())} />}
      </FormField>
    </FormModal>
  );
}

/** StartStreamEncryption or StopStreamEncryption (which names the key in use). */
function EncryptionModal({ stream, onClose, onDone }: ModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const enabled = stream.EncryptionType === "KMS";
  const [encrypt, setEncrypt] = useState(enabled);
  const [keyId, setKeyId] = useState(stream.KeyId ?? DEFAULT_KMS_KEY);
  const [checked, setChecked] = useState(false);
  const error = encrypt && !keyId ? "Enter a KMS key: its ID, ARN or alias." : undefined;
  const onSuccess = async () => {
    await refresh();
    onDone(`Server-side encryption is now ${encrypt ? "enabled" : "disabled"}.`);
  };
  const start = useMutation(trpc.kinesis.startStreamEncryption.mutationOptions({ onSuccess }));
  const stop = useMutation(trpc.kinesis.stopStreamEncryption.mutationOptions({ onSuccess }));
  const change = encrypt ? start : stop;

  return (
    <FormModal
      title="Edit server-side encryption"
      submitLabel="Save changes"
      pending={change.isPending}
      submitDisabled={encrypt === enabled && (!encrypt || keyId === stream.KeyId)}
      error={start.error ?? stop.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (error) return;
        change.mutate({ StreamName: stream.StreamName, EncryptionType: "KMS", KeyId: encrypt ? keyId : (stream.KeyId ?? keyId) });
      }}
    >
      <div className="stack">
        <label className="checkbox">
          <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
          <span>Enable server-side encryption</span>
        </label>
        {encrypt && (
          <FormField label="KMS key" description={`A key ID, key ARN or alias; ${DEFAULT_KMS_KEY} is the AWS managed key for Kinesis.`} error={checked ? error : undefined}>
            {(control) => <input {...control} className="input" autoComplete="off" value={keyId} onChange={(e) => setKeyId(e.target.value.trim())} />}
          </FormField>
        )}
      </div>
    </FormModal>
  );
}
