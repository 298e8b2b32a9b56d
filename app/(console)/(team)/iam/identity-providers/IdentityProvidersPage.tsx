"use client";

import Link from "next/link";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Button } from "../../../../_components/Button";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { formatDateTime } from "../../../../_lib/format";
import { IamList } from "../IamList";
import { IamPage } from "../IamPage";
import { identityProviderHref } from "../links";
import { useOidcProviders } from "../use-iam";
import { AddIdentityProviderModal } from "./AddIdentityProviderModal";

export function IdentityProvidersPage() {
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const providers = useOidcProviders();
  const [adding, setAdding] = useState(false);
  return (
    <IamPage
      title="Identity providers"
      description="OpenID Connect providers whose users may get credentials for this account: roles trust them for web identity, identity pools sign their users in."
      info="A provider is named by its URL. Its tokens are accepted when issued to one of its audiences (client IDs)."
      resources="identity providers"
    >
      <IamList
        title="Identity providers"
        singular="identity provider"
        items={providers}
        columns={[
          { header: "Provider", cell: (p) => <Link href={identityProviderHref(p.Arn)}>{p.Url}</Link> },
          { header: "Type", cell: () => "OpenID Connect", nowrap: true },
          { header: "ARN", cell: (p) => <code className="break-all">{p.Arn}</code> },
          { header: "Created", cell: (p) => formatDateTime(p.CreateDate) },
        ]}
        nameOf={(p) => p.Url}
        deletionOf={(p) => ({ kind: "identity provider", name: p.Url, arn: p.Arn })}
        canChange={canChange}
        createAction={(label) => (
          <Button variant="primary" disabled={!canChange} onClick={() => setAdding(true)}>
            {label}
          </Button>
        )}
        emptyText="This account trusts no external identity provider."
      />
      {adding && <AddIdentityProviderModal onClose={() => setAdding(false)} />}
    </IamPage>
  );
}
