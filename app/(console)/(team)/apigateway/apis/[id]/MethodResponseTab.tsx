"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { statusCodeError } from "../../method-settings";
import { type ApiMethod, useRefreshApis } from "../../use-api";
import type { MethodTabProps } from "./MethodDetails";

type MethodResponse = NonNullable<ApiMethod["methodResponses"]>[string];

/** The responses the method declares: status codes, with the headers and body models each may have. */
export function MethodResponseTab({ api, resource, method, canChange }: MethodTabProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const on = { restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod };
  const remove = useMutation(
    trpc.apigateway.deleteMethodResponse.mutationOptions({
      async onSuccess() {
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const responses = Object.values(method.methodResponses ?? {});

  const columns: Column<MethodResponse>[] = [
    { header: "HTTP status code", cell: (r) => r.statusCode, nowrap: true },
    {
      header: "Response headers",
      cell: (r) => Object.keys(r.responseParameters ?? {}).map((key) => key.replace(/^method\.response\.header\./, "")).join(", ") || "–",
    },
    {
      header: "Response body",
      cell: (r) =>
        Object.entries(r.responseModels ?? {})
          .map(([contentType, model]) => `${contentType}: ${model}`)
          .join(", ") || "–",
    },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (r) => (
        <Button aria-label={`Delete method response ${r.statusCode}`} disabled={!canChange} onClick={() => setDeleting(r.statusCode)}>
          Delete
        </Button>
      ),
    },
  ];

  return (
    <Container
      title="Method responses"
      counter={responses.length}
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setCreating(true)}>
          Create response
        </Button>
      }
    >
      <DataTable label="Method responses" columns={columns} rows={responses} rowKey={(r) => r.statusCode} empty={<EmptyState title="No method responses" />} />
      {creating && <MethodResponseModal {...on} onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete method response"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ ...on, statusCode: deleting })}
      >
        <p>Delete the method response for status code {deleting}?</p>
      </ConfirmDialog>
    </Container>
  );
}

/** PutMethodResponse with an Empty JSON body model, as the AWS console creates them. */
function MethodResponseModal({ onClose, ...on }: { restApiId: string; resourceId: string; httpMethod: string; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [statusCode, setStatusCode] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error = statusCodeError(statusCode);
  const create = useMutation(
    trpc.apigateway.putMethodResponse.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!error) create.mutate({ ...on, statusCode, responseModels: { "application/json": "Empty" } });
  }

  return (
    <FormModal title="Create method response" submitLabel="Create response" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <FormField label="HTTP status code" constraint="A status code from 100 to 599." error={submitted ? error : undefined}>
        {(control) => <input {...control} className="input" inputMode="numeric" value={statusCode} placeholder="400" onChange={(e) => setStatusCode(e.target.value.trim())} />}
      </FormField>
    </FormModal>
  );
}
