"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { recordToTags, TagEditor, tagsToRecord, validateTags, type TagRow } from "../../../../../_components/TagEditor";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";

/** The queue's tags, and an editor that applies the difference with TagQueue and UntagQueue. */
export function TaggingTab({ url, canChange }: { url: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.sqs.listQueueTags.queryOptions({ QueueUrl: url }));
  const [editing, setEditing] = useState<TagRow[] | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const tagQueue = useMutation(trpc.sqs.tagQueue.mutationOptions());
  const untagQueue = useMutation(trpc.sqs.untagQueue.mutationOptions());
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const current = tags.data?.Tags ?? {};
  const errors = editing && showErrors ? validateTags(editing) : undefined;

  async function save() {
    if (!editing) return;
    const problems = validateTags(editing);
    if (Object.keys(problems.rows).length > 0 || problems.list) {
      setShowErrors(true);
      return;
    }
    const next = tagsToRecord(editing);
    const removed = Object.keys(current).filter((k) => !(k in next));
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => current[k] !== v));
    setSaving(true);
    setSaveError(null);
    try {
      if (removed.length > 0) await untagQueue.mutateAsync({ QueueUrl: url, TagKeys: removed });
      if (Object.keys(changed).length > 0) await tagQueue.mutateAsync({ QueueUrl: url, Tags: changed });
      await queryClient.invalidateQueries(trpc.sqs.listQueueTags.queryFilter({ QueueUrl: url }));
      setEditing(null);
      setShowErrors(false);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  const rows = Object.entries(current).map(([key, value]) => ({ key, value }));

  return (
    <Container
      title="Tags"
      counter={tags.data ? rows.length : undefined}
      description="Labels for organising queues and tracking costs: a key and an optional value."
      flush={editing === null}
      actions={
        editing === null && (
          <Button disabled={!canChange || !tags.data} onClick={() => setEditing(recordToTags(current))}>
            Manage tags
          </Button>
        )
      }
    >
      {editing === null ? (
        <QueryResult query={tags} loadingLabel="Loading tags">
          {() => (
            <DataTable
              label="Tags"
              columns={[
                { header: "Key", cell: (t) => t.key },
                { header: "Value", cell: (t) => t.value || "–" },
              ]}
              rows={rows}
              rowKey={(t) => t.key}
              empty={<EmptyState title="No tags">This queue has no tags.</EmptyState>}
            />
          )}
        </QueryResult>
      ) : (
        <>
          <TagEditor rows={editing} onChange={setEditing} errors={errors} />
          {saveError != null && <Alert type="error" title="Couldn't save the tags">{errorMessage(saveError)}</Alert>}
          <div className="form-actions">
            <Button
              variant="link"
              onClick={() => {
                setEditing(null);
                setShowErrors(false);
                setSaveError(null);
              }}
            >
              Cancel
            </Button>
            <Button variant="primary" loading={saving} onClick={() => void save()}>
              Save tags
            </Button>
          </div>
        </>
      )}
    </Container>
  );
}
