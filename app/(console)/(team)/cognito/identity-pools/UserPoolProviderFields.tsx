"use client";

import { FormField } from "../../../../_components/FormField";
import { errorMessage } from "../../../../_lib/errors";
import { useClients, usePools } from "../use-pool";

interface UserPoolProviderFieldsProps {
  userPoolId: string;
  clientId: string;
  clientError?: string;
  onChange: (userPoolId: string, clientId: string) => void;
}

/** A user pool and one of its app clients, as an identity pool's Cognito provider. */
export function UserPoolProviderFields({ userPoolId, clientId, clientError, onChange }: UserPoolProviderFieldsProps) {
  const pools = usePools();
  return (
    <div className="form-grid">
      <FormField label="User pool" error={pools.error ? `Couldn't list user pools: ${errorMessage(pools.error)}` : undefined}>
        {(control) => (
          <select {...control} className="select" value={userPoolId} disabled={pools.isPending} onChange={(e) => onChange(e.target.value, "")}>
            <option value="">{pools.isPending ? "Loading user pools…" : "No user pool"}</option>
            {(pools.data ?? []).map((p) => (
              <option key={p.Id} value={p.Id}>
                {p.Name} ({p.Id})
              </option>
            ))}
          </select>
        )}
      </FormField>
      {userPoolId && <AppClientSelect userPoolId={userPoolId} value={clientId} error={clientError} onChange={(id) => onChange(userPoolId, id)} />}
    </div>
  );
}

function AppClientSelect({ userPoolId, value, error, onChange }: { userPoolId: string; value: string; error?: string; onChange: (clientId: string) => void }) {
  const clients = useClients(userPoolId);
  const list = clients.data ?? [];
  const listError = clients.error ? `Couldn't list app clients: ${errorMessage(clients.error)}` : undefined;
  const noClients = !clients.isPending && !clients.error && list.length === 0 ? "This user pool has no app clients. Create one first." : undefined;
  return (
    <FormField label="App client" error={error ?? listError ?? noClients}>
      {(control) => (
        <select {...control} className="select" value={value} disabled={clients.isPending} onChange={(e) => onChange(e.target.value)}>
          <option value="">{clients.isPending ? "Loading app clients…" : "Choose an app client"}</option>
          {list.map((c) => (
            <option key={c.ClientId} value={c.ClientId}>
              {c.ClientName} ({c.ClientId})
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
