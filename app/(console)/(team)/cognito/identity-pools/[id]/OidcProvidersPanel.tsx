"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { OidcProviderFields } from "../OidcProviderFields";
import { useRefreshIdentityPools, type IdentityPool } from "../use-identity-pools";

/** The pool's OpenID Connect providers (IAM's), changed with UpdateIdentityPool. */
export function OidcProvidersPanel({ pool, canChange }: { pool: IdentityPool; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  const arns = pool.OpenIdConnectProviderARNs;
  return (
    <Container
      title="OpenID Connect providers"
      counter={arns.length}
      description="Users of these IAM identity providers get credentials with the ID tokens the providers issue them."
      actions={
        <Button aria-label="Edit OpenID Connect providers" disabled={!canChange} onClick={() => setEditing(true)}>
          Edit
        </Button>
      }
    >
      {arns.length === 0 ? (
        <p className="text-secondary">None.</p>
      ) : (
        <ul className="plain-list" aria-label="OpenID Connect providers">
          {arns.map((arn) => (
            <li key={arn}>
              <code className="break-all">{arn}</code>
            </li>
          ))}
        </ul>
      )}
      {editing && <EditOidcProvidersModal pool={pool} onClose={() => setEditing(false)} />}
    </Container>
  );
}

/** UpdateIdentityPool replaces every setting, so the pool's others are sent as they are. */
function EditOidcProvidersModal({ pool, onClose }: { pool: IdentityPool; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIdentityPools();
  const [arns, setArns] = useState(pool.OpenIdConnectProviderARNs);
  const update = useMutation(
    trpc.cognito.updateIdentityPool.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  const { IdentityPoolTags: _tags, ...settings } = pool;
  return (
    <FormModal
      title="Edit OpenID Connect providers"
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onSubmit={() => update.mutate({ ...settings, OpenIdConnectProviderARNs: arns })}
    >
      <OidcProviderFields value={arns} onChange={setArns} />
    </FormModal>
  );
}
