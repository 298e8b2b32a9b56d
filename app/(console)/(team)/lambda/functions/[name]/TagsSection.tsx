"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { recordToTags, TagEditor, tagsToRecord, validateTags, type TagRow } from "../../../../../_components/TagEditor";
import { useTRPCClient } from "../../../../../_trpc/client";
import { FormModal } from "../../../../../_components/FormModal";
import { useRefreshFunction } from "../../use-function";

interface TagsSectionProps {
  arn: string;
  name: string;
  tags: Record<string, string>;
  canChange: boolean;
}

/** The function's tags (from GetFunction), edited as a whole and applied as TagResource / UntagResource. */
export function TagsSection({ arn, name, tags, canChange }: TagsSectionProps) {
  const [editing, setEditing] = useState(false);
  const rows = recordToTags(tags);
  return (
    <Container
      title="Tags"
      counter={rows.length}
      description="Labels for organising functions and tracking costs: a key and an optional value."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setEditing(true)}>
          Manage tags
        </Button>
      }
    >
      <DataTable
        label="Tags"
        columns={[
          { header: "Key", cell: (t: TagRow) => t.key },
          { header: "Value", cell: (t: TagRow) => t.value || "–" },
        ]}
        rows={rows}
        rowKey={(t) => t.key}
        empty={<EmptyState title="No tags">This function has no tags.</EmptyState>}
      />
      {editing && <ManageTagsModal arn={arn} name={name} tags={tags} onClose={() => setEditing(false)} />}
    </Container>
  );
}

function ManageTagsModal({ arn, name, tags, onClose }: Omit<TagsSectionProps, "canChange"> & { onClose: () => void }) {
  const client = useTRPCClient();
  const refresh = useRefreshFunction(name);
  const [rows, setRows] = useState(() => recordToTags(tags));
  const [checked, setChecked] = useState(false);
  const problems = validateTags(rows);
  const invalid = Object.keys(problems.rows).length > 0 || problems.list !== undefined;
  const save = useMutation({
    mutationFn: async () => {
      const next = tagsToRecord(rows);
      const removed = Object.keys(tags).filter((key) => !(key in next));
      const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => tags[key] !== value));
      if (removed.length > 0) await client.lambda.untagResource.mutate({ Resource: arn, TagKeys: removed });
      if (Object.keys(changed).length > 0) await client.lambda.tagResource.mutate({ Resource: arn, Tags: changed });
    },
    async onSuccess() {
      await refresh();
      onClose();
    },
  });
  return (
    <FormModal
      title="Manage tags"
      pending={save.isPending}
      error={save.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!invalid) save.mutate();
      }}
    >
      <TagEditor rows={rows} onChange={setRows} errors={checked ? problems : undefined} />
    </FormModal>
  );
}
