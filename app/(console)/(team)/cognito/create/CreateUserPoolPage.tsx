"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, type Column } from "../../../../_components/DataTable";
import { FormField } from "../../../../_components/FormField";
import { PageHeader } from "../../../../_components/PageHeader";
import { RadioGroup } from "../../../../_components/Tiles";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPCClient } from "../../../../_trpc/client";
import { Checkbox } from "../Checkbox";
import { CheckboxGroup } from "../CheckboxGroup";
import { ClientFields } from "../ClientFields";
import { createClientInput } from "../client-form";
import { customName, type CustomAttribute } from "../custom-attributes";
import { CustomAttributeModal } from "../CustomAttributeModal";
import { poolHref, poolsCrumbs } from "../links";
import { PasswordPolicyFields } from "../PasswordPolicyFields";
import { MFA_OPTIONS, NAME_RULE, REQUIRABLE_ATTRIBUTES, SIGN_IN_OPTIONS, VERIFIABLE_ATTRIBUTES } from "../pool-settings";
import { useRefreshCognito } from "../use-pool";
import { createPoolInput, hasErrors, NEW_POOL_FORM, poolErrors, type PoolErrors, type PoolForm } from "./pool-form";

const REQUIRED_OPTIONS = REQUIRABLE_ATTRIBUTES.map((name) => ({ value: name, label: name }));

export function CreateUserPoolPage() {
  const client = useTRPCClient();
  const refresh = useRefreshCognito();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [form, setForm] = useState(NEW_POOL_FORM);
  const [addingAttribute, setAddingAttribute] = useState(false);
  const set = (change: Partial<PoolForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = poolErrors(form);
  const invalid = hasErrors(errors);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: PoolErrors = submitted ? errors : { policy: {}, client: {} };
  const usesUsername = form.signIn.includes("username");

  // The app client is made once the pool exists; if only that step fails, the pool page says so.
  const create = useMutation({
    mutationFn: async (f: PoolForm) => {
      const { UserPool } = await client.cognito.createUserPool.mutate(createPoolInput(f));
      if (!f.withClient) return { poolId: UserPool.Id, clientFailed: false };
      const made = await client.cognito.createUserPoolClient.mutate(createClientInput(UserPool.Id, f.client)).then(
        () => true,
        () => false,
      );
      return { poolId: UserPool.Id, clientFailed: !made };
    },
    async onSuccess({ poolId, clientFailed }) {
      await refresh();
      router.push(`${poolHref(poolId)}?created=${clientFailed ? "without-client" : "1"}`);
    },
  });

  const attributeColumns: Column<CustomAttribute>[] = [
    { header: "Name", cell: (a) => <code>{customName(a)}</code> },
    { header: "Type", cell: (a) => a.AttributeDataType },
    { header: "Mutable", cell: (a) => (a.Mutable ? "Yes" : "No") },
    {
      header: "Actions",
      hideHeader: true,
      cell: (a) => (
        <Button aria-label={`Remove ${customName(a)}`} onClick={() => set({ customAttributes: form.customAttributes.filter((c) => c !== a) })}>
          Remove
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Create user pool"
        breadcrumbs={poolsCrumbs({ label: "Create user pool" })}
        description="A user pool holds your app's users: how they sign up and sign in, and the rules their passwords follow."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create user pools. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={handleSubmit(() => create.mutate(form))} className="form" noValidate aria-label="Create user pool">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="User pool" description="A name to tell the pool apart; it needn't be unique.">
              <div className="form-grid">
                <FormField label="User pool name" constraint={NAME_RULE} error={shown.name}>
                  {(control) => <input {...control} className="input" autoComplete="off" placeholder="MyUserPool" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
                </FormField>
              </div>
            </Container>

            <Container title="Sign-in experience" description="What users type to sign in. This can't be changed once the pool exists.">
              <div className="stack">
                <CheckboxGroup
                  legend="Cognito user pool sign-in options"
                  description="Without a user name, the email address or phone number is the username itself."
                  options={SIGN_IN_OPTIONS}
                  value={form.signIn}
                  onChange={(signIn) => set({ signIn })}
                  error={shown.signIn}
                />
                {usesUsername && (
                  <Checkbox checked={form.preferredUsername} onChange={(on) => set({ preferredUsername: on })}>
                    Allow users to sign in with a preferred user name
                  </Checkbox>
                )}
              </div>
            </Container>

            <Container title="Password policy">
              <PasswordPolicyFields form={form.policy} onChange={(policy) => set({ policy })} errors={shown.policy} />
            </Container>

            <Container title="Multi-factor authentication">
              <RadioGroup legend="MFA enforcement" name="mfa" value={form.mfa} options={MFA_OPTIONS} onChange={(mfa) => set({ mfa })} />
            </Container>

            <Container title="Sign-up experience">
              <div className="stack">
                <Checkbox checked={form.selfRegistration} onChange={(on) => set({ selfRegistration: on })}>
                  Enable self-registration: users sign up from your app (SignUp); otherwise only administrators create them
                </Checkbox>
                <CheckboxGroup
                  legend="Attributes to verify"
                  description="Cognito sends a code to verify these when users sign up; the messages land in the team's outbox."
                  options={VERIFIABLE_ATTRIBUTES}
                  value={form.autoVerified}
                  onChange={(autoVerified) => set({ autoVerified })}
                />
                <CheckboxGroup
                  legend="Required attributes"
                  description="Users must give these when they sign up or are created. They can't be changed once the pool exists."
                  options={REQUIRED_OPTIONS}
                  columns
                  value={form.required}
                  onChange={(required) => set({ required })}
                />
              </div>
            </Container>

            <Container
              title="Custom attributes - optional"
              description="Attributes of your own, named custom:name. They can be added later but never removed."
              flush
              actions={<Button onClick={() => setAddingAttribute(true)}>Add custom attribute</Button>}
            >
              <DataTable
                label="Custom attributes"
                columns={attributeColumns}
                rows={form.customAttributes}
                rowKey={customName}
                empty={<p className="container-inset form-description">No custom attributes.</p>}
              />
            </Container>

            <Container title="Deletion protection">
              <Checkbox checked={form.deletionProtection} onChange={(on) => set({ deletionProtection: on })}>
                Enable deletion protection: the pool can&apos;t be deleted until this is turned off
              </Checkbox>
            </Container>

            <Container title="Initial app client - optional" description="Apps sign users in through an app client. You can add more later.">
              <div className="stack">
                <Checkbox checked={form.withClient} onChange={(on) => set({ withClient: on })}>Create an app client with the pool</Checkbox>
                {form.withClient && <ClientFields form={form.client} onChange={(c) => set({ client: c })} errors={shown.client} creating />}
              </div>
            </Container>
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {create.error != null && <Alert type="error" title="Couldn't create the user pool">{errorMessage(create.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href="/cognito" variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending} disabled={!canChange}>
              Create user pool
            </Button>
          </div>
        </form>
      </div>
      {addingAttribute && (
        <CustomAttributeModal
          taken={form.customAttributes.map(customName)}
          onClose={() => setAddingAttribute(false)}
          onAdd={(attribute) => {
            set({ customAttributes: [...form.customAttributes, attribute] });
            setAddingAttribute(false);
          }}
        />
      )}
    </>
  );
}
