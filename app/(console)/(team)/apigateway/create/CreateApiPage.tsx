"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { FormField } from "../../../../_components/FormField";
import { PageHeader } from "../../../../_components/PageHeader";
import { Tiles } from "../../../../_components/Tiles";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../_trpc/client";
import { apiNameError, ENDPOINT_TYPES, type EndpointType } from "../api-settings";
import { apiHref } from "../links";
import { useRefreshApis } from "../use-api";

interface ApiForm {
  name: string;
  description: string;
  endpointType: EndpointType;
}

const INITIAL: ApiForm = { name: "", description: "", endpointType: "REGIONAL" };

/** CreateRestApi for a new, empty API: its root resource `/` is all it has. */
export function CreateApiPage() {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [form, setForm] = useState(INITIAL);
  const set = <K extends keyof ApiForm>(key: K, value: ApiForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = { name: apiNameError(form.name) };
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: Partial<typeof errors> = submitted ? errors : {};

  const create = useMutation(
    trpc.apigateway.createRestApi.mutationOptions({
      async onSuccess(api) {
        await refresh();
        router.push(`${apiHref(api.id)}?created=1`);
      },
    }),
  );

  const submit = handleSubmit(() =>
    create.mutate({
      name: form.name.trim(),
      // API Gateway refuses an empty description: leave it out instead.
      description: form.description.trim() || undefined,
      endpointConfiguration: { types: [form.endpointType] },
    }),
  );

  return (
    <>
      <PageHeader
        title="Create REST API"
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "APIs", href: "/apigateway" }, { label: "Create REST API" }]}
        description="A REST API starts with its root resource, /. Add resources and methods to it, then deploy it to a stage to call it."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create APIs. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={submit} className="form" noValidate aria-label="Create REST API">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="API details">
              <div className="form-grid">
                <FormField label="API name" error={shown.name}>
                  {(control) => (
                    <input {...control} className="input" value={form.name} autoComplete="off" placeholder="My API" onChange={(e) => set("name", e.target.value)} />
                  )}
                </FormField>
                <FormField label="Description - optional">
                  {(control) => <input {...control} className="input" value={form.description} autoComplete="off" onChange={(e) => set("description", e.target.value)} />}
                </FormField>
              </div>
              <Tiles
                legend="API endpoint type"
                description="How clients reach the API. Stratus serves every type at the same invoke URLs; the type is kept as AWS reports it."
                name="endpoint-type"
                value={form.endpointType}
                options={ENDPOINT_TYPES}
                onChange={(type) => set("endpointType", type)}
              />
            </Container>
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {create.error != null && <Alert type="error" title="Couldn't create the API">{errorMessage(create.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href="/apigateway" variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending} disabled={!canChange}>
              Create API
            </Button>
          </div>
        </form>
      </div>
    </>
  );
}
