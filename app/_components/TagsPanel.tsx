"use client";

import { useState } from "react";
import { errorMessage } from "../_lib/errors";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { Container } from "./Container";
import { DataTable, EmptyState } from "./DataTable";
import { QueryResult, type QueryLike } from "./QueryResult";
import { TagEditor, tagsToRecord, validateTags, type TagRow } from "./TagEditor";

/** What saving the editor changes: tags to remove, and tags to add or give a new value. */
export interface TagChanges {
  removed: string[];
  changed: Record<string, string>;
}

interface TagsPanelProps {
  /** What the tags label, in the description and the empty state: "topic", "queue". */
  resource: string;
  /** The resource's tags, in the service's order. */
  tags: QueryLike<TagRow[]>;
  canChange: boolean;
  /** Applies the changes with the service's tag and untag calls, then reads the tags again. */
  onSave: (changes: TagChanges) => Promise<void>;
}

/** A resource's tags, and an editor that applies the difference to them. */
export function TagsPanel({ resource, tags, canChange, onSave }: TagsPanelProps) {
  const [editing, setEditing] = useState<TagRow[] | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const rows = tags.data ?? [];
  const errors = editing && showErrors ? validateTags(editing) : undefined;

  async function save() {
    if (!editing) return;
    const problems = validateTags(editing);
    if (Object.keys(problems.rows).length > 0 || problems.list) {
      setShowErrors(true);
      return;
    }
    // Keys as stored (untrimmed, unlike the editor's), so a stored key the editor trims is replaced.
    const current = Object.fromEntries(rows.map((t) => [t.key, t.value]));
    const next = tagsToRecord(editing);
    setSaving(true);
    setSaveError(null);
    try {
      await onSave({
        removed: Object.keys(current).filter((k) => !(k in next)),
        changed: Object.fromEntries(Object.entries(next).filter(([k, v]) => current[k] !== v)),
      });
      setEditing(null);
      setShowErrors(false);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Container
      title="Tags"
      counter={tags.data ? rows.length : undefined}
      description={`Labels for organising ${resource}s and tracking costs: a key and an optional value.`}
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
              empty={<EmptyState title="No tags">{`This ${resource} has no tags.`}</EmptyState>}
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
