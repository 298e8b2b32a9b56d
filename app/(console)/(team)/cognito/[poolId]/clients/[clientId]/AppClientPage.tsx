"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { CopyableCode, CopyButton } from "../../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../../_lib/format";
import { useTRPC } from "../../../../../../_trpc/client";
import { COGNITO_PROVIDER, hostedUiRedirect, lifetimeLabel } from "../../../client-form";
import { clientHref, hostedUiUrl, inPoolCrumbs, poolHref } from "../../../links";
import { usePool, type AppClient } from "../../../use-pool";
import { AppClientModal } from "../../AppClientModal";
import { DeleteClientDialog } from "../../DeleteClientDialog";
import { HostedUiPreview } from "./HostedUiPreview";

interface AppClientPageProps {
  poolId: string;
  clientId: string;
  /** The gateway's public URL, where the hosted UI is served. */
  gatewayUrl: string;
  /** Whether the gateway lets the console frame the hosted UI, for its preview. */
  hostedUiFramable: boolean;
  justCreated: boolean;
}

/** One app client (DescribeUserPoolClient): its ID and secret, sign-in flows, token lifetimes and hosted UI. */
export function AppClientPage({ poolId, clientId, gatewayUrl, hostedUiFramable, justCreated }: AppClientPageProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pool = usePool(poolId);
  const client = useQuery(trpc.cognito.describeUserPoolClient.queryOptions({ UserPoolId: poolId, ClientId: clientId }, { select: (data) => data.UserPoolClient }));
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [flash, setFlash] = useCreatedFlash(justCreated, "The app client was created. Apps sign users in with its client ID.", clientHref(poolId, clientId));
  const name = client.data?.ClientName ?? clientId;

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={inPoolCrumbs(poolId, pool.data?.Name, "clients", name)}
        actions={
          <>
            <Button disabled={!client.data || !canChange} onClick={() => setDialog("delete")}>
              Delete
            </Button>
            <Button disabled={!client.data || !canChange} onClick={() => setDialog("edit")}>
              Edit
            </Button>
          </>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at app clients but cannot change or delete them.</Alert>}
        <QueryResult query={client} loadingLabel="Loading app client">
          {(loaded) => (
            <>
              <ClientInformation client={loaded} />
              <ClientFlows client={loaded} />
              <HostedUi client={loaded} gatewayUrl={gatewayUrl} framable={hostedUiFramable} />
              {dialog === "edit" && <AppClientModal poolId={poolId} client={loaded} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
            </>
          )}
        </QueryResult>
      </div>
      <DeleteClientDialog
        poolId={poolId}
        client={dialog === "delete" ? { id: clientId, name } : null}
        onClose={() => setDialog(null)}
        onDeleted={() => router.push(poolHref(poolId, "clients"))}
      />
    </>
  );
}

function ClientInformation({ client }: { client: AppClient }) {
  return (
    <Container title="App client information">
      <KeyValueGrid label="App client information">
        <KeyValue label="App client name">{client.ClientName}</KeyValue>
        <KeyValue label="Client ID">
          <CopyableCode text={client.ClientId} label="Copy client ID" />
        </KeyValue>
        <KeyValue label="Client secret">{client.ClientSecret ? <ClientSecret secret={client.ClientSecret} /> : "No client secret"}</KeyValue>
        <KeyValue label="Created time">{formatDateTime(client.CreationDate)}</KeyValue>
        <KeyValue label="Last updated time">{formatDateTime(client.LastModifiedDate)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}

/** The secret stays hidden until asked for; it can be copied either way. */
function ClientSecret({ secret }: { secret: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="value-with-copy">
      {shown ? <code className="break-all">{secret}</code> : <span aria-label="Client secret hidden">••••••••••••</span>}
      <Button className="btn-small" onClick={() => setShown((s) => !s)}>
        {shown ? "Hide client secret" : "Show client secret"}
      </Button>
      <CopyButton text={secret} label="Copy client secret" />
    </span>
  );
}

function ClientFlows({ client }: { client: AppClient }) {
  const units = client.TokenValidityUnits;
  return (
    <Container title="Authentication flows and tokens">
      <KeyValueGrid label="Authentication flows and tokens">
        <KeyValue label="Authentication flows">
          {client.ExplicitAuthFlows?.length ? (
            <ul className="plain-list">
              {client.ExplicitAuthFlows.map((flow) => (
                <li key={flow}>
                  <code>{flow}</code>
                </li>
              ))}
            </ul>
          ) : (
            "Cognito's defaults"
          )}
        </KeyValue>
        <KeyValue label="Access token expiration">{lifetimeLabel(client.AccessTokenValidity, units.AccessToken)}</KeyValue>
        <KeyValue label="ID token expiration">{lifetimeLabel(client.IdTokenValidity, units.IdToken)}</KeyValue>
        <KeyValue label="Refresh token expiration">{lifetimeLabel(client.RefreshTokenValidity, units.RefreshToken)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}

/** The hosted sign-in page, linked and previewed when the client allows OAuth flows and has somewhere to send users back to. */
function HostedUi({ client, gatewayUrl, framable }: { client: AppClient; gatewayUrl: string; framable: boolean }) {
  const redirect = hostedUiRedirect(client);
  const url = redirect && hostedUiUrl(gatewayUrl, client.UserPoolId, client.ClientId, redirect);
  const list = (values: readonly string[] | undefined) => (values?.length ? values.join(", ") : "–");
  return (
    <>
      <Container
        title="Hosted UI"
        description="A sign-in page served by the gateway: it signs users in and sends them to a callback URL with an authorization code."
        actions={
          url && (
            <a className="btn btn-normal" href={url} target="_blank" rel="noreferrer">
              View Hosted UI
            </a>
          )
        }
      >
        {!url && <p className="text-secondary">The hosted UI is off for this app client. Edit it to sign users in through the hosted UI and add a callback URL.</p>}
        <KeyValueGrid label="Hosted UI">
          <KeyValue label="Allowed callback URLs">{list(client.CallbackURLs)}</KeyValue>
          <KeyValue label="Allowed sign-out URLs">{list(client.LogoutURLs)}</KeyValue>
          <KeyValue label="OAuth 2.0 grant types">{list(client.AllowedOAuthFlows)}</KeyValue>
          <KeyValue label="OpenID Connect scopes">{list(client.AllowedOAuthScopes)}</KeyValue>
          <KeyValue label="Identity providers">{list(client.SupportedIdentityProviders?.map((name) => (name === COGNITO_PROVIDER ? "Cognito user pool" : name)))}</KeyValue>
        </KeyValueGrid>
      </Container>
      {url && <HostedUiPreview url={url} framable={framable} />}
    </>
  );
}
