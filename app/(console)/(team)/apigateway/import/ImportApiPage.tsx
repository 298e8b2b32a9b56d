"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { CodeEditor } from "../../../../_components/CodeEditor";
import { Container } from "../../../../_components/Container";
import { PageHeader } from "../../../../_components/PageHeader";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useTRPC } from "../../../../_trpc/client";
import { apiHref } from "../links";
import { useRefreshApis } from "../use-api";

/** ImportRestApi: a new API from an OpenAPI 3.0 or Swagger 2.0 document, pasted or read from a file. */
export function ImportApiPage() {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const router = useRouter();
  const canChange = roleAtLeast(useCurrentTeam().role, "developer");
  const [document, setDocument] = useState("");
  const [failOnWarnings, setFailOnWarnings] = useState(false);
  const importApi = useMutation(
    trpc.apigateway.importRestApi.mutationOptions({
      async onSuccess(api) {
        await refresh();
        router.push(`${apiHref(api.id)}?created=1`);
      },
    }),
  );

  return (
    <>
      <PageHeader
        title="Import REST API"
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "APIs", href: "/apigateway" }, { label: "Import REST API" }]}
        description="An OpenAPI 3.0 or Swagger 2.0 definition, in JSON or YAML, with API Gateway's x-amazon-apigateway extensions for integrations, authorizers and validators."
      />
      <form
        className="form stack-lg"
        aria-label="Import REST API"
        onSubmit={(event) => {
          event.preventDefault();
          importApi.mutate({ document, failOnWarnings });
        }}
      >
        {!canChange && <Alert type="info">Viewers cannot import APIs. Ask an owner or admin for the developer role.</Alert>}
        <Container title="API definition">
          <div className="stack">
            <input
              type="file"
              aria-label="Definition file"
              accept=".json,.yaml,.yml"
              disabled={!canChange}
              onChange={(event) => void event.target.files?.[0]?.text().then(setDocument)}
            />
            <CodeEditor label="Definition" language="json" value={document} onChange={setDocument} readOnly={!canChange} minHeight={320} />
            <label className="checkbox">
              <input type="checkbox" checked={failOnWarnings} disabled={!canChange} onChange={(event) => setFailOnWarnings(event.target.checked)} />
              Fail on warnings
            </label>
          </div>
        </Container>
        {importApi.error != null && <Alert type="error" title="Couldn't import the API">{errorMessage(importApi.error)}</Alert>}
        <div className="form-actions">
          <ButtonLink href="/apigateway" variant="link">
            Cancel
          </ButtonLink>
          <Button type="submit" variant="primary" loading={importApi.isPending} disabled={!canChange || document.trim() === ""}>
            Import API
          </Button>
        </div>
      </form>
    </>
  );
}
