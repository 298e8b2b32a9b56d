"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { PageHeader } from "../../../../../_components/PageHeader";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { errorMessage } from "../../../../../_lib/errors";
import { useFormSubmit } from "../../../../../_lib/use-form-submit";
import { useTRPCClient } from "../../../../../_trpc/client";
import { Checkbox } from "../../Checkbox";
import { NAME_RULE, nameError } from "../../pool-settings";
import { IamRoleSelect } from "../IamRoleSelect";
import { OidcProviderFields } from "../OidcProviderFields";
import { UserPoolProviderFields } from "../UserPoolProviderFields";
import { IDENTITY_POOLS_HREF, identityPoolHref, identityPoolsCrumbs, userPoolProviderName, useRefreshIdentityPools } from "../use-identity-pools";

interface IdentityPoolForm {
  name: string;
  guests: boolean;
  userPoolId: string;
  clientId: string;
  oidcProviders: string[];
  authenticatedRole: string;
  unauthenticatedRole: string;
}

const NEW_FORM: IdentityPoolForm = { name: "", guests: false, userPoolId: "", clientId: "", oidcProviders: [], authenticatedRole: "", unauthenticatedRole: "" };

function formErrors(form: IdentityPoolForm) {
  return {
    name: nameError(form.name),
    clientId: form.userPoolId && !form.clientId ? "Choose an app client of the user pool." : undefined,
  };
}

export function CreateIdentityPoolPage() {
  const client = useTRPCClient();
  const refresh = useRefreshIdentityPools();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [form, setForm] = useState(NEW_FORM);
  const set = (change: Partial<IdentityPoolForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = formErrors(form);
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: Partial<typeof errors> = submitted ? errors : {};

  // The roles are set once the pool exists; if only that step fails, the pool page says so.
  const create = useMutation({
    mutationFn: async (f: IdentityPoolForm) => {
      const pool = await client.cognito.createIdentityPool.mutate({
        IdentityPoolName: f.name.trim(),
        AllowUnauthenticatedIdentities: f.guests,
        CognitoIdentityProviders: f.userPoolId ? [{ ProviderName: userPoolProviderName(f.userPoolId), ClientId: f.clientId }] : [],
        OpenIdConnectProviderARNs: f.oidcProviders,
      });
      const Roles = { authenticated: f.authenticatedRole || undefined, unauthenticated: f.unauthenticatedRole || undefined };
      if (!Roles.authenticated && !Roles.unauthenticated) return { id: pool.IdentityPoolId, rolesFailed: false };
      const rolesSet = await client.cognito.setIdentityPoolRoles.mutate({ IdentityPoolId: pool.IdentityPoolId, Roles }).then(
        () => true,
        () => false,
      );
      return { id: pool.IdentityPoolId, rolesFailed: !rolesSet };
    },
    async onSuccess({ id, rolesFailed }) {
      await refresh();
      router.push(`${identityPoolHref(id)}?created=${rolesFailed ? "without-roles" : "1"}`);
    },
  });

  return (
    <>
      <PageHeader
        title="Create identity pool"
        breadcrumbs={identityPoolsCrumbs({ label: "Create identity pool" })}
        description="An identity pool trades a user pool sign-in, or nothing at all for guests, for temporary credentials of an IAM role."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create identity pools. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={handleSubmit(() => create.mutate(form))} className="form" noValidate aria-label="Create identity pool">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="Identity pool" description="A name to tell the pool apart; it needn't be unique.">
              <div className="form-grid">
                <FormField label="Identity pool name" constraint={NAME_RULE} error={shown.name}>
                  {(control) => <input {...control} className="input" autoComplete="off" placeholder="MyIdentityPool" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
                </FormField>
              </div>
            </Container>

            <Container title="Guest access" description="Guests get an identity, and the unauthenticated role's credentials, without signing in.">
              <Checkbox checked={form.guests} onChange={(guests) => set({ guests })}>
                Activate guest access
              </Checkbox>
            </Container>

            <Container title="User pool - optional" description="Users who sign in to this user pool app client get the authenticated role's credentials.">
              <UserPoolProviderFields
                userPoolId={form.userPoolId}
                clientId={form.clientId}
                clientError={shown.clientId}
                onChange={(userPoolId, clientId) => set({ userPoolId, clientId })}
              />
            </Container>

            <Container title="OpenID Connect providers - optional" description="Users of these providers get the authenticated role's credentials with the ID tokens the providers issue them.">
              <OidcProviderFields value={form.oidcProviders} onChange={(oidcProviders) => set({ oidcProviders })} />
            </Container>

            <Container title="Roles - optional" description="The roles must trust cognito-identity.amazonaws.com for sts:AssumeRoleWithWebIdentity.">
              <div className="form-grid">
                <IamRoleSelect
                  label="Authenticated role"
                  description="Assumed by users who sign in."
                  value={form.authenticatedRole}
                  onChange={(authenticatedRole) => set({ authenticatedRole })}
                />
                <IamRoleSelect
                  label="Unauthenticated role"
                  description="Assumed by guests."
                  value={form.unauthenticatedRole}
                  onChange={(unauthenticatedRole) => set({ unauthenticatedRole })}
                />
              </div>
            </Container>
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {create.error != null && <Alert type="error" title="Couldn't create the identity pool">{errorMessage(create.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href={IDENTITY_POOLS_HREF} variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending} disabled={!canChange}>
              Create identity pool
            </Button>
          </div>
        </form>
      </div>
    </>
  );
}
