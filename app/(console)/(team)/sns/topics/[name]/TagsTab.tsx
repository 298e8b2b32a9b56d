"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { TagEditor, tagsToRecord, validateTags, type TagRow } from "../../../../../_components/TagEditor";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";

/** The topic's tags, and an editor that applies the difference with TagResource and UntagResource. */
export function TagsTab({ arn, canChange }: { arn: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.sns.listTagsForResource.queryOptions({ ResourceArn: arn }));
  const [editing, setEditing] = useState<TagRow[] | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const tagResource = useMutation(trpc.sns.tagResource.mutationOptions());
  const untagResource = useMutation(trpc.sns.untagResource.mutationOptions());
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const current = Object.fromEntries((tags.data?.Tags ?? []).map((t) => [t.Key, t.Value]));
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
    const changed = Object.entries(next).filter(([k, v]) => current[k] !== v);
    setSaving(true);
    setSaveError(null);
    try {
      if (removed.length > 0) await untagResource.mutateAsync({ ResourceArn: arn, TagKeys: removed });
      if (changed.length > 0) await tagResource.mutateAsync({ ResourceArn: arn, Tags: changed.map(([Key, Value]) => ({ Key, Value })) });
      await queryClient.invalidateQueries(trpc.sns.listTagsForResource.queryFilter({ ResourceArn: arn }));
      setEditing(null);
      setShowErrors(false);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  const rows = (tags.data?.Tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));

  return (
    <Container
      title="Tags"
      counter={tags.data ? rows.length : undefined}
      description="Labels for organising topics and tracking costs: a key and an optional value."
      flush={editing === null}
      actions={
        editing === null && (
          <Button disabled={!canChange || !tags.data} onClick={() => setEditing(rows)}>
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
              empty={<EmptyState title="No tags">This topic has no tags.</EmptyState>}
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
