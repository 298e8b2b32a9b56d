"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../_components/Alert";
import { Button } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { EmptyState } from "../../../../_components/DataTable";
import { FormField } from "../../../../_components/FormField";
import { LoadingState } from "../../../../_components/Spinner";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPCClient } from "../../../../_trpc/client";
import type { RouterInputs } from "../../../../_trpc/types";
import { IamPage } from "../IamPage";
import { useRoles, useUsers } from "../use-iam";
import { SimulationResults } from "./SimulationResults";

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Actions as typed: separated by commas, spaces or new lines. */
const actionsOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function validate(principal: string, actions: string[]) {
  return {
    principal: principal ? undefined : "Choose a role or user.",
    actions: actions.length === 0 ? "Enter at least one action." : actions.every((a) => ACTION.test(a)) ? undefined : "Enter actions as service:Action, e.g. sqs:SendMessage.",
  };
}

/** SimulatePrincipalPolicy: would this role or user be allowed these actions, and by which statements? */
export function PolicySimulatorPage() {
  const client = useTRPCClient();
  const roles = useRoles();
  const users = useUsers();
  const [principal, setPrincipal] = useState("");
  const [actionsText, setActionsText] = useState("");
  const [resource, setResource] = useState("");
  const actions = actionsOf(actionsText);
  const errors = validate(principal, actions);
  const { submitted, handleSubmit } = useFormSubmit(Object.values(errors).some(Boolean));
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const simulate = useMutation({ mutationFn: (input: RouterInputs["iam"]["simulatePrincipalPolicy"]) => client.iam.simulatePrincipalPolicy.query(input) });

  const submit = handleSubmit(() =>
    simulate.mutate({ PolicySourceArn: principal, ActionNames: actions, ResourceArns: resource.trim() ? [resource.trim()] : undefined }),
  );
  const principalsLoading = roles.isPending || users.isPending;
  const noPrincipals = roles.data?.length === 0 && users.data?.length === 0;
  const principalsError = roles.error ?? users.error;

  return (
    <IamPage
      title="Policy simulator"
      description="Test a role's or user's permissions: which of the actions its policies allow on a resource, and which statements decide."
      info="The simulator evaluates the identity's managed and inline policies as a call would be, without making the call. Resource policies (queue, topic and function policies) are not part of it."
    >
      <form onSubmit={submit} className="form" noValidate aria-label="Policy simulator">
        <Container title="Simulation">
          <div className="form-grid">
            <FormField
              label="Principal"
              description={noPrincipals ? "This account has no roles or users yet: create one first." : "The role or user whose policies are evaluated."}
              error={shown.principal ?? (principalsError ? errorMessage(principalsError) : undefined)}
            >
              {(control) => (
                <select {...control} className="select" value={principal} onChange={(e) => setPrincipal(e.target.value)}>
                  <option value="">{principalsLoading ? "Loading roles and users…" : "Choose a role or user"}</option>
                  {roles.data && roles.data.length > 0 && (
                    <optgroup label="Roles">
                      {roles.data.map((r) => (
                        <option key={r.Arn} value={r.Arn}>
                          {r.RoleName}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  {users.data && users.data.length > 0 && (
                    <optgroup label="Users">
                      {users.data.map((u) => (
                        <option key={u.Arn} value={u.Arn}>
                          {u.UserName}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
              )}
            </FormField>
            <FormField label="Resource ARN - optional" description="The resource the actions are on, e.g. a queue's ARN. Leave it empty for any resource (*).">
              {(control) => (
                <input
                  {...control}
                  className="input code-input"
                  value={resource}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="arn:aws:sqs:us-east-1:123456789012:orders"
                  onChange={(e) => setResource(e.target.value)}
                />
              )}
            </FormField>
          </div>
          <FormField label="Actions" description="One or more actions, separated by commas or new lines, e.g. sqs:SendMessage." error={shown.actions}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea code-input"
                rows={4}
                value={actionsText}
                spellCheck={false}
                placeholder={"sqs:SendMessage\nsqs:DeleteQueue"}
                onChange={(e) => setActionsText(e.target.value)}
              />
            )}
          </FormField>
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={simulate.isPending}>
              Run simulation
            </Button>
          </div>
        </Container>
      </form>
      <Container title="Results" counter={simulate.data?.EvaluationResults.length} flush>
        {simulate.isPending ? (
          <LoadingState label="Running the simulation" />
        ) : simulate.isError ? (
          <Alert type="error" title="Couldn't run the simulation">{errorMessage(simulate.error)}</Alert>
        ) : simulate.data ? (
          <SimulationResults results={simulate.data.EvaluationResults} />
        ) : (
          <EmptyState title="No results yet">Choose a principal and actions, then run the simulation.</EmptyState>
        )}
      </Container>
    </IamPage>
  );
}
