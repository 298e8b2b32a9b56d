"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { PatchOperation } from "~/server/services/apigateway/patch";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { isProxyType } from "../../integration-form";
import { CONTENT_HANDLING, contentHandlingLabel, statusCodeError } from "../../method-settings";
import { type Integration, useRefreshApis } from "../../use-api";
import { MappingTemplates } from "./MappingTemplates";
import type { MethodTabProps } from "./MethodDetails";

type IntegrationResponse = NonNullable<Integration["integrationResponses"]>[string];

/**
 * How the backend's answers become the method's: each integration response matches errors by its
 * selection pattern (the one without is the default), names the method response's status code and
 * maps the body with its templates.
 */
export function IntegrationResponseTab({ api, resource, method, canChange }: MethodTabProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const refresh = useRefreshApis();
  // null: closed; undefined inside: a new response.
  const [editing, setEditing] = useState<{ response?: IntegrationResponse } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const on = { restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod };
  const remove = useMutation(
    trpc.apigateway.deleteIntegrationResponse.mutationOptions({
      async onSuccess() {
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const integration = method.methodIntegration;
  if (!integration) return <Alert type="info">Create the method&apos;s integration request first.</Alert>;
  if (isProxyType(integration.type)) {
    return <Alert type="info">A proxy integration sends the backend&apos;s response back as it is: integration responses don&apos;t apply to it.</Alert>;
  }
  const responses = Object.values(integration.integrationResponses ?? {});

  const columns: Column<IntegrationResponse>[] = [
    { header: "Method response status code", cell: (r) => r.statusCode, nowrap: true },
    { header: "Selection pattern", cell: (r) => (r.selectionPattern ? <code className="break-all">{r.selectionPattern}</code> : "Default") },
    { header: "Content handling", cell: (r) => contentHandlingLabel(r.contentHandling), nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (r) => (
        <div className="row-actions">
          <Button aria-label={`Edit integration response ${r.statusCode}`} disabled={!canChange} onClick={() => setEditing({ response: r })}>
            Edit
          </Button>
          <Button aria-label={`Delete integration response ${r.statusCode}`} disabled={!canChange} onClick={() => setDeleting(r.statusCode)}>
            Delete
          </Button>
        </div>
      ),
    },
  ];

  const patchTemplates = (statusCode: string) => async (patchOperations: PatchOperation[]) => {
    await client.apigateway.updateIntegrationResponse.mutate({ ...on, statusCode, patchOperations });
    await refresh();
  };

  return (
    <div className="stack-lg">
      <Container
        title="Integration responses"
        counter={responses.length}
        flush
        actions={
          <Button disabled={!canChange} onClick={() => setEditing({})}>
            Create response
          </Button>
        }
      >
        <DataTable label="Integration responses" columns={columns} rows={responses} rowKey={(r) => r.statusCode} empty={<EmptyState title="No integration responses" />} />
      </Container>
      {responses.map((r) => (
        <MappingTemplates
          key={r.statusCode}
          title={`Mapping templates for ${r.statusCode}`}
          member="responseTemplates"
          templates={r.responseTemplates}
          canChange={canChange}
          patch={patchTemplates(r.statusCode)}
        />
      ))}
      {editing && <IntegrationResponseModal {...on} response={editing.response} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete integration response"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ ...on, statusCode: deleting })}
      >
        <p>Delete the integration response for status code {deleting}?</p>
      </ConfirmDialog>
    </div>
  );
}

interface IntegrationResponseModalProps {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  /** The response to edit; a new one when absent. */
  response?: IntegrationResponse;
  onClose: () => void;
}

/** PutIntegrationResponse for a new response; UpdateIntegrationResponse for a changed pattern or content handling. */
function IntegrationResponseModal({ response, onClose, ...on }: IntegrationResponseModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [statusCode, setStatusCode] = useState(response?.statusCode ?? "");
  const [selectionPattern, setSelectionPattern] = useState(response?.selectionPattern ?? "");
  const [contentHandling, setContentHandling] = useState(response?.contentHandling ?? "");
  const [submitted, setSubmitted] = useState(false);
  const error = response ? undefined : statusCodeError(statusCode);
  const options = {
    async onSuccess() {
      await refresh();
      onClose();
    },
  };
  const put = useMutation(trpc.apigateway.putIntegrationResponse.mutationOptions(options));
  const update = useMutation(trpc.apigateway.updateIntegrationResponse.mutationOptions(options));
  const save = response ? update : put;

  function submit() {
    setSubmitted(true);
    if (error) return;
    if (!response) {
      put.mutate({ ...on, statusCode, selectionPattern: selectionPattern || undefined, contentHandling: contentHandling || undefined });
      return;
    }
    const operations: PatchOperation[] = [];
    // An empty value removes the member: no pattern makes the default response, no handling passes bodies through.
    const member = (path: string, before: string | undefined, after: string) => {
      if (after === (before ?? "")) return;
      operations.push(after ? { op: "replace", path, value: after } : { op: "remove", path });
    };
    member("/selectionPattern", response.selectionPattern, selectionPattern);
    member("/contentHandling", response.contentHandling, contentHandling);
    if (operations.length === 0) onClose();
    else update.mutate({ ...on, statusCode: response.statusCode, patchOperations: operations });
  }

  return (
    <FormModal
      title={response ? `Edit integration response ${response.statusCode}` : "Create integration response"}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="stack">
        {!response && (
          <FormField label="Method response status code" constraint="A status code from 100 to 599." error={submitted ? error : undefined}>
            {(control) => <input {...control} className="input" inputMode="numeric" value={statusCode} placeholder="400" onChange={(e) => setStatusCode(e.target.value.trim())} />}
          </FormField>
        )}
        <FormField label="Selection pattern - optional" description="A regular expression matched against the backend's error (a Lambda function's errorMessage, an HTTP status code). Leave empty for the default response.">
          {(control) => <input {...control} className="input" value={selectionPattern} spellCheck={false} placeholder=".*Not found.*" onChange={(e) => setSelectionPattern(e.target.value)} />}
        </FormField>
        <ChoiceSelect label="Content handling" choices={CONTENT_HANDLING} value={contentHandling} onChange={setContentHandling} />
      </div>
    </FormModal>
  );
}
