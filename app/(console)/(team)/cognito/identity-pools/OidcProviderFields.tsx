"use client";

import Link from "next/link";
import { errorMessage } from "../../../../_lib/errors";
import { IDENTITY_PROVIDERS_HREF } from "../../iam/links";
import { useOidcProviders } from "../../iam/use-iam";
import { CheckboxGroup } from "../CheckboxGroup";

/** The IAM OpenID Connect providers of the account whose ID tokens the identity pool accepts (OpenIdConnectProviderARNs). */
export function OidcProviderFields({ value, onChange }: { value: readonly string[]; onChange: (arns: string[]) => void }) {
  const providers = useOidcProviders();
  if (providers.isPending) return <p className="text-secondary">Loading identity providers…</p>;
  if (providers.error) return <p className="form-error">Couldn&apos;t list the account&apos;s identity providers: {errorMessage(providers.error)}</p>;
  const options = (providers.data ?? []).map((p) => ({ value: p.Arn, label: p.Url }));
  return (
    <CheckboxGroup
      legend="OpenID Connect providers"
      description={
        options.length === 0 ? (
          <>
            The account has no OpenID Connect provider. Add one in <Link href={IDENTITY_PROVIDERS_HREF}>IAM identity providers</Link>.
          </>
        ) : (
          "Users who sign in to a chosen provider give the pool its ID token (Logins, keyed by the provider's URL) for the authenticated role's credentials."
        )
      }
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
