"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { LIMITS } from "~/server/services/kinesis/limits";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { errorMessage } from "../../../../../_lib/errors";
import { byteLength } from "../../../../../_lib/format";
import { useFormSubmit } from "../../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../../_trpc/client";
import { HASH_KEY_RULE, parseHashKey } from "../../hash-keys";
import { textToBase64 } from "../../record-data";
import type { LoadedStream } from "../../use-stream";

interface RecordForm {
  partitionKey: string;
  data: string;
  explicitHashKey: string;
}

function validate(form: RecordForm) {
  const size = byteLength(form.data) + byteLength(form.partitionKey);
  return {
    partitionKey: !form.partitionKey
      ? "Enter a partition key."
      : form.partitionKey.length > LIMITS.maxPartitionKeyLength
        ? `Partition keys can be at most ${LIMITS.maxPartitionKeyLength} characters.`
        : undefined,
    data: size > LIMITS.maxRecordBytes ? `The record is ${size.toLocaleString("en-US")} bytes with its partition key; a record can be at most 1 MiB.` : undefined,
    explicitHashKey: form.explicitHashKey && parseHashKey(form.explicitHashKey) === undefined ? HASH_KEY_RULE : undefined,
  };
}

/** PutRecord: one record of text data (sent as UTF-8), into the shard its partition key, or explicit hash key, maps to. */
export function PutRecordForm({ stream, canPut }: { stream: LoadedStream; canPut: boolean }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<RecordForm>({ partitionKey: "", data: "", explicitHashKey: "" });
  const set = <K extends keyof RecordForm>(key: K, value: RecordForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = validate(form);
  const { submitted, setSubmitted, handleSubmit } = useFormSubmit(Object.values(errors).some(Boolean));
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const put = useMutation(trpc.kinesis.putRecord.mutationOptions({ onSuccess: () => setSubmitted(false) }));

  const submit = handleSubmit(() =>
    put.mutate({
      StreamName: stream.StreamName,
      PartitionKey: form.partitionKey,
      Data: textToBase64(form.data),
      ExplicitHashKey: form.explicitHashKey || undefined,
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Put record">
      <Container title="Put record" description="Writes one record (PutRecord). Its partition key's MD5 hash, or the explicit hash key, picks the shard; records with the same key stay in order.">
        <div className="stack">
          <fieldset disabled={!canPut} className="stack">
            <div className="form-grid">
              <FormField label="Partition key" description={`Up to ${LIMITS.maxPartitionKeyLength} characters.`} error={shown.partitionKey}>
                {(control) => <input {...control} className="input" autoComplete="off" value={form.partitionKey} onChange={(e) => set("partitionKey", e.target.value)} />}
              </FormField>
              <FormField label="Explicit hash key - optional" description="Picks the shard instead of the partition key's hash." error={shown.explicitHashKey}>
                {(control) => (
                  <input {...control} className="input" inputMode="numeric" autoComplete="off" value={form.explicitHashKey} onChange={(e) => set("explicitHashKey", e.target.value.trim())} />
                )}
              </FormField>
            </div>
            <FormField label="Data" description="Text, sent as UTF-8: JSON, CSV or any text. Up to 1 MiB with the partition key." error={shown.data}>
              {(control) => <textarea {...control} className="input textarea code-input" rows={5} spellCheck={false} value={form.data} onChange={(e) => set("data", e.target.value)} />}
            </FormField>
          </fieldset>
          {put.isError && <Alert type="error" title="Couldn't put the record">{errorMessage(put.error)}</Alert>}
          {put.isSuccess && (
            <Alert type="success" title={`Record put into ${put.data.ShardId}.`}>
              <KeyValueGrid label="Put record">
                <KeyValue label="Shard ID">
                  <code data-testid="put-record-shard">{put.data.ShardId}</code>
                </KeyValue>
                <KeyValue label="Sequence number">
                  <code className="break-all" data-testid="put-record-sequence-number">
                    {put.data.SequenceNumber}
                  </code>
                </KeyValue>
              </KeyValueGrid>
            </Alert>
          )}
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={put.isPending} disabled={!canPut}>
              Put record
            </Button>
          </div>
        </div>
      </Container>
    </form>
  );
}
