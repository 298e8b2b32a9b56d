"use client";

import { FormField } from "../../../../_components/FormField";
import { errorMessage } from "../../../../_lib/errors";
import { useRoles } from "../../iam/use-iam";

/** An IAM role for an identity pool's identities to assume, chosen from the account's roles, or none. */
export function IamRoleSelect({ label, description, value, onChange }: { label: string; description: string; value: string; onChange: (arn: string) => void }) {
  const roles = useRoles();
  const list = roles.data ?? [];
  // A role set before it was deleted (or beyond what was read) stays shown as chosen.
  const missing = value !== "" && !list.some((r) => r.Arn === value);
  return (
    <FormField label={label} description={description} error={roles.error ? `Couldn't list IAM roles: ${errorMessage(roles.error)}` : undefined}>
      {(control) => (
        <select {...control} className="select" value={value} disabled={roles.isPending} onChange={(e) => onChange(e.target.value)}>
          <option value="">{roles.isPending ? "Loading roles…" : "No role"}</option>
          {missing && <option value={value}>{value}</option>}
          {list.map((r) => (
            <option key={r.Arn} value={r.Arn}>
              {r.RoleName}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
