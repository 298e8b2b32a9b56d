"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { Flash } from "../../../../../_components/Flash";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { authorizerTypeLabel } from "../../authorizer-form";
import { invokedFunction } from "../../integration-form";
import { type Authorizer, type RestApi, useAuthorizers, useRefreshApis } from "../../use-api";
import { AuthorizerModal } from "./AuthorizerModal";

/** What decides a request: a function's name (from its ARN) or the user pools. */
function decider(authorizer: Authorizer): string {
  const functionArn = invokedFunction(authorizer.authorizerUri);
  if (functionArn) return functionArn.split(":").at(-1) ?? functionArn;
  return (authorizer.providerARNs ?? []).map((arn) => arn.split("/").at(-1)).join(", ") || "–";
}

/** The API's authorizers, which methods choose in their method request settings; changes reach stages with the next deployment. */
export function AuthorizersTab({ api, canChange }: { api: RestApi; canChange: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const authorizers = useAuthorizers(api.id);
  // null: closed; "new": creating one.
  const [editing, setEditing] = useState<Authorizer | "new" | null>(null);
  const [deleting, setDeleting] = useState<Authorizer | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const remove = useMutation(
    trpc.apigateway.deleteAuthorizer.mutationOptions({
      async onSuccess() {
        setDone(`Authorizer ${deleting?.name} was deleted.`);
        setDeleting(null);
        await refresh();
      },
    }),
  );

  const columns: Column<Authorizer>[] = [
    { header: "Name", cell: (a) => a.name },
    { header: "Type", cell: (a) => authorizerTypeLabel(a.type), nowrap: true },
    { header: "Function or user pools", cell: (a) => <span className="break-all">{decider(a)}</span> },
    { header: "Identity source", cell: (a) => (a.identitySource ? <code className="break-all">{a.identitySource}</code> : "–") },
    { header: "Caching TTL", cell: (a) => (a.authorizerResultTtlInSeconds > 0 ? `${a.authorizerResultTtlInSeconds} seconds` : "Off"), nowrap: true },
    { header: "ID", cell: (a) => <code>{a.id}</code>, nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (a) => (
        <div className="row-actions">
          <Button aria-label={`Edit authorizer ${a.name}`} disabled={!canChange} onClick={() => setEditing(a)}>
            Edit
          </Button>
          <Button aria-label={`Delete authorizer ${a.name}`} disabled={!canChange} onClick={() => setDeleting(a)}>
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="stack-lg">
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container
        title="Authorizers"
        counter={authorizers.data?.length}
        description="Lambda functions or Cognito user pools that decide who may call the methods that use them. Changes reach stages when you deploy the API."
        flush
        actions={
          <Button variant="primary" disabled={!canChange} onClick={() => setEditing("new")}>
            Create authorizer
          </Button>
        }
      >
        <QueryResult query={authorizers} loadingLabel="Loading authorizers">
          {(all) => (
            <DataTable
              label="Authorizers"
              columns={columns}
              rows={all}
              rowKey={(a) => a.id}
              empty={<EmptyState title="No authorizers">Create an authorizer, then choose it in a method&apos;s method request settings.</EmptyState>}
            />
          )}
        </QueryResult>
      </Container>
      {editing && (
        <AuthorizerModal
          api={api}
          authorizer={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setDone(editing === "new" ? `Authorizer ${name} was created.` : `Authorizer ${name} was saved.`);
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete authorizer"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ restApiId: api.id, authorizerId: deleting.id })}
      >
        <p>
          Delete authorizer <strong>{deleting?.name}</strong>? Methods that use it must be changed first. Stages keep using it until you deploy again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
