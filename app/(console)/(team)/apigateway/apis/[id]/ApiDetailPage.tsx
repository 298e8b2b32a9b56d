"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { endpointTypeLabel } from "../../api-settings";
import { DeleteApiDialog } from "../../DeleteApiDialog";
import { apiHref, type ApiTab, isApiTab } from "../../links";
import { type RestApi, useRestApi } from "../../use-api";
import { AuthorizersTab } from "./AuthorizersTab";
import { DeployApiModal } from "./DeployApiModal";
import { ResourcesTab } from "./ResourcesTab";
import { StagesTab } from "./StagesTab";
import "../../apigateway.css";

interface ApiDetailPageProps {
  restApiId: string;
  /** The gateway's public URL, which the stages' invoke URLs start with. */
  gatewayUrl: string;
  justCreated: boolean;
  initialTab?: string;
  initialStage?: string;
}

interface ApiView {
  tab: ApiTab;
  stage?: string;
}

export function ApiDetailPage({ restApiId, gatewayUrl, justCreated, initialTab, initialStage }: ApiDetailPageProps) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const api = useRestApi(restApiId);
  const [view, setView] = useState<ApiView>({ tab: isApiTab(initialTab) ? initialTab : "resources", stage: initialStage });
  // Tabs choose their tab when they mount: a deployment remounts them on the Stages tab.
  const [tabsKey, setTabsKey] = useState(0);
  const [deploying, setDeploying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [flash, setFlash] = useCreatedFlash(justCreated, "The API was created. Create its resources and methods, then deploy it to a stage to call it.", apiHref(restApiId));
  const name = api.data?.name ?? restApiId;

  // The address names the tab and stage, so a reload or a shared link opens them again.
  function show(next: ApiView) {
    setView(next);
    window.history.replaceState(null, "", apiHref(restApiId, next));
  }

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "APIs", href: "/apigateway" }, { label: name }]}
        description={api.data?.description}
        actions={
          <>
            <Button disabled={!api.data || !canChange} onClick={() => setDeleting(true)}>
              Delete API
            </Button>
            <Button variant="primary" disabled={!api.data || !canChange} onClick={() => setDeploying(true)}>
              Deploy API
            </Button>
          </>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this API and its stages but cannot change, deploy or delete it.</Alert>}
        <QueryResult query={api} loadingLabel="Loading API">
          {(loaded) => (
            <>
              <ApiSummary api={loaded} />
              <Tabs
                key={tabsKey}
                label="API details"
                initialTab={view.tab}
                onChange={(tab) => isApiTab(tab) && show({ ...view, tab })}
                tabs={[
                  // The selected resource or method survives a look at the stages.
                  { id: "resources", label: "Resources", content: <ResourcesTab api={loaded} canChange={canChange} />, keepMounted: true },
                  {
                    id: "stages",
                    label: "Stages",
                    content: <StagesTab api={loaded} gatewayUrl={gatewayUrl} stageName={view.stage} onSelectStage={(stage) => show({ tab: "stages", stage })} canChange={canChange} />,
                  },
                  { id: "authorizers", label: "Authorizers", content: <AuthorizersTab api={loaded} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      {deploying && api.data && (
        <DeployApiModal
          api={api.data}
          onClose={() => setDeploying(false)}
          onDeployed={(stage) => {
            setDeploying(false);
            show({ tab: "stages", stage });
            setTabsKey((key) => key + 1);
            setFlash(`The API was deployed to stage ${stage}.`);
          }}
        />
      )}
      <DeleteApiDialog api={deleting ? { id: restApiId, name } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/apigateway")} />
    </>
  );
}

function ApiSummary({ api }: { api: RestApi }) {
  return (
    <Container title="API details">
      <KeyValueGrid label="API details">
        <KeyValue label="API ID">
          <CopyableCode text={api.id} label="Copy API ID" />
        </KeyValue>
        <KeyValue label="API endpoint type">{endpointTypeLabel(api.endpointConfiguration.types)}</KeyValue>
        <KeyValue label="Created">{formatDateTime(api.createdDate)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
