"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { PatchOperation } from "~/server/services/apigateway/patch";
import { Button } from "../../../../../_components/Button";
import { CodeEditor } from "../../../../../_components/CodeEditor";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { patchSegment } from "../../member-patch";

interface Template {
  contentType: string;
  body: string;
}

interface MappingTemplatesProps {
  title: string;
  /** The map's member in patch paths: an integration's request templates or a response's templates. */
  member: "requestTemplates" | "responseTemplates";
  templates: Record<string, string> | undefined;
  canChange: boolean;
  /** Sends the operations (UpdateIntegration or UpdateIntegrationResponse) and reads the API again. */
  patch: (operations: PatchOperation[]) => Promise<void>;
}

/** A content type's patch path under `member` (see patchSegment). */
const templatePath = (member: string, contentType: string) => `/${member}/${patchSegment(contentType)}`;

/** Mapping templates by content type, each a Velocity template, with the editor to add, change and delete them. */
export function MappingTemplates({ title, member, templates, canChange, patch }: MappingTemplatesProps) {
  // null: closed; a template with an empty content type: a new one.
  const [editing, setEditing] = useState<Template | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation({ mutationFn: patch, onSuccess: () => setDeleting(null) });
  const rows = Object.entries(templates ?? {}).map(([contentType, body]) => ({ contentType, body }));

  const columns: Column<Template>[] = [
    { header: "Content type", cell: (t) => <code>{t.contentType}</code>, nowrap: true },
    { header: "Template", cell: (t) => <pre className="apigw-template-preview">{t.body || "(empty: the body passes as it is)"}</pre> },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (t) => (
        <div className="row-actions">
          <Button aria-label={`Edit mapping template ${t.contentType}`} disabled={!canChange} onClick={() => setEditing(t)}>
            Edit
          </Button>
          <Button aria-label={`Delete mapping template ${t.contentType}`} disabled={!canChange} onClick={() => setDeleting(t.contentType)}>
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <Container
      title={title}
      counter={rows.length}
      description="Velocity templates that turn the body of one content type into another. $input, $context, $stageVariables and $util are available."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setEditing({ contentType: "", body: "" })}>
          Add mapping template
        </Button>
      }
    >
      <DataTable label={title} columns={columns} rows={rows} rowKey={(t) => t.contentType} empty={<EmptyState title="No mapping templates" />} />
      {editing && (
        <MappingTemplateModal
          template={editing}
          taken={rows.map((t) => t.contentType).filter((contentType) => contentType !== editing.contentType)}
          onClose={() => setEditing(null)}
          onSave={async (saved) => {
            const renamed = editing.contentType !== "" && editing.contentType !== saved.contentType;
            await patch([
              ...(renamed ? [{ op: "remove", path: templatePath(member, editing.contentType) }] : []),
              { op: "add", path: templatePath(member, saved.contentType), value: saved.body },
            ]);
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete mapping template"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate([{ op: "remove", path: templatePath(member, deleting) }])}
      >
        <p>
          Delete the mapping template for <code>{deleting}</code>?
        </p>
      </ConfirmDialog>
    </Container>
  );
}

interface MappingTemplateModalProps {
  template: Template;
  /** Content types that other templates of the map already have. */
  taken: readonly string[];
  onClose: () => void;
  onSave: (template: Template) => Promise<void>;
}

/** The mapping template editor: a content type and a Velocity body with highlighting. */
function MappingTemplateModal({ template, taken, onClose, onSave }: MappingTemplateModalProps) {
  const [contentType, setContentType] = useState(template.contentType || "application/json");
  const [body, setBody] = useState(template.body);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({ mutationFn: onSave });
  const error = !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)
    ? "Enter a content type, e.g. application/json."
    : taken.includes(contentType)
      ? `There is a template for ${contentType} already.`
      : undefined;

  function submit() {
    setSubmitted(true);
    if (!error) save.mutate({ contentType, body });
  }

  return (
    <FormModal title={template.contentType ? `Edit mapping template ${template.contentType}` : "Add mapping template"} pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Content type" error={submitted ? error : undefined}>
          {(control) => <input {...control} className="input" value={contentType} autoComplete="off" spellCheck={false} onChange={(e) => setContentType(e.target.value.trim())} />}
        </FormField>
        <FormField label="Template body" description={'Velocity (VTL), e.g. {"name": "$input.params(\'name\')", "body": $input.json(\'$\')}.'}>
          {(control) => <CodeEditor value={body} onChange={setBody} language="velocity" label="Template body" describedBy={control["aria-describedby"]} minHeight={200} maxHeight={420} />}
        </FormField>
      </div>
    </FormModal>
  );
}
