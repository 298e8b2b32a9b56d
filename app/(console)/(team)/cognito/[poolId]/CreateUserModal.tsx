"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../_components/FormField";
import { FormModal } from "../../../../_components/FormModal";
import { RadioGroup } from "../../../../_components/Tiles";
import { useTRPC } from "../../../../_trpc/client";
import { Checkbox } from "../Checkbox";
import { passwordRules } from "../pool-settings";
import { useRefreshCognito, type UserPool } from "../use-pool";
import { createUserInput, INVITATIONS, NEW_USER_FORM, newUserErrors, usernameKind, type NewUserForm } from "../user-settings";

const PASSWORD_CHOICES = [
  { value: "generate", label: "Generate a password", description: "Cognito makes one that meets the password policy." },
  { value: "set", label: "Set a password", description: "Type a temporary password that meets the password policy." },
] as const;

/** AdminCreateUser: the user starts with a temporary password, which they must change when they first sign in. */
export function CreateUserModal({ pool, onClose, onCreated }: { pool: UserPool; onClose: () => void; onCreated: (username: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const kind = usernameKind(pool);
  const [form, setForm] = useState<NewUserForm>(NEW_USER_FORM);
  const [submitted, setSubmitted] = useState(false);
  const set = (change: Partial<NewUserForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = newUserErrors(form, kind);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const create = useMutation(
    trpc.cognito.adminCreateUser.mutationOptions({
      // Named as the administrator typed it: in a pool that signs in by email, Cognito's username is a generated ID.
      async onSuccess(_data, variables) {
        await refresh();
        onCreated(variables.Username);
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!Object.values(errors).some(Boolean)) create.mutate(createUserInput(pool.Id, form, kind));
  }

  return (
    <FormModal title="Create user" submitLabel="Create user" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <RadioGroup legend="Invitation message" name="invitation" value={form.invitation} options={INVITATIONS} onChange={(invitation) => set({ invitation })} />
        {kind === "username" && (
          <FormField label="User name" description="What the user signs in with. It can't be changed later." error={shown.username}>
            {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} value={form.username} onChange={(e) => set({ username: e.target.value })} />}
          </FormField>
        )}
        <ContactField label={kind === "email" ? "Email address (the user name)" : "Email address"} error={shown.email} value={form.email} onChange={(email) => set({ email })} />
        <Checkbox checked={form.emailVerified} onChange={(on) => set({ emailVerified: on })}>Mark email address as verified</Checkbox>
        <ContactField label={kind === "phone_number" ? "Phone number (the user name)" : "Phone number"} error={shown.phone} value={form.phone} onChange={(phone) => set({ phone })} />
        <Checkbox checked={form.phoneVerified} onChange={(on) => set({ phoneVerified: on })}>Mark phone number as verified</Checkbox>
        <RadioGroup
          legend="Temporary password"
          name="temporary-password"
          value={form.setPassword ? "set" : "generate"}
          options={PASSWORD_CHOICES}
          onChange={(choice) => set({ setPassword: choice === "set" })}
        />
        {form.setPassword && (
          <FormField label="Password" constraint={passwordRules(pool.Policies.PasswordPolicy).join(". ")} error={shown.password}>
            {(control) => <input {...control} className="input" type="password" autoComplete="new-password" value={form.password} onChange={(e) => set({ password: e.target.value })} />}
          </FormField>
        )}
      </div>
    </FormModal>
  );
}

/** An email address or phone number; which one is required depends on how users sign in and are invited. */
function ContactField({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <FormField label={label} error={error}>
      {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FormField>
  );
}
