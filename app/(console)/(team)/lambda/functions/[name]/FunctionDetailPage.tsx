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
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { DeleteFunctionDialog } from "../../DeleteFunctionDialog";
import { formatDuration, lambdaTime } from "../../format";
import { functionHref, type FunctionTab } from "../../links";
import { runtimeInfo } from "../../runtimes";
import { useFunction, type FunctionConfiguration } from "../../use-function";
import { AliasesTab } from "./AliasesTab";
import { CodeTab } from "./CodeTab";
import { ConfigurationTab } from "./ConfigurationTab";
import { MonitorTab } from "./MonitorTab";
import { TestTab } from "./TestTab";
import { TriggersTab } from "./TriggersTab";
import { VersionsTab } from "./VersionsTab";

interface FunctionDetailPageProps {
  name: string;
  justCreated: boolean;
  initialTab?: string;
}

export function FunctionDetailPage({ name, justCreated, initialTab }: FunctionDetailPageProps) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const fn = useFunction(name);
  const [deleting, setDeleting] = useState(false);
  const [flash, setFlash] = useCreatedFlash(
    justCreated,
    `Successfully created the function ${name}. You can now change its code and configuration. To invoke it with a test event, choose the Test tab.`,
    functionHref(name),
  );

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "Lambda", href: "/lambda" }, { label: "Functions", href: "/lambda" }, { label: name }]}
        actions={
          <Button disabled={!fn.data || !canChange} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this function but cannot change, test or delete it.</Alert>}
        <QueryResult query={fn} loadingLabel="Loading function">
          {(loaded) => (
            <>
              <FunctionOverview config={loaded.Configuration} />
              <Tabs
                label="Function details"
                initialTab={initialTab}
                // The address names the tab, so a reload or a shared link opens it again (the Code tab is the default).
                onChange={(tab) => window.history.replaceState(null, "", functionHref(name, tab === "code" ? undefined : (tab as FunctionTab)))}
                tabs={[
                  // Undeployed edits and the last test's result survive switching tabs.
                  { id: "code", label: "Code", content: <CodeTab fn={loaded} canChange={canChange} />, keepMounted: true },
                  { id: "test", label: "Test", content: <TestTab config={loaded.Configuration} canInvoke={canChange} />, keepMounted: true },
                  { id: "monitor", label: "Monitor", content: <MonitorTab config={loaded.Configuration} /> },
                  { id: "triggers", label: "Triggers", content: <TriggersTab name={name} canChange={canChange} /> },
                  { id: "configuration", label: "Configuration", content: <ConfigurationTab fn={loaded} canChange={canChange} /> },
                  { id: "versions", label: "Versions", content: <VersionsTab config={loaded.Configuration} canChange={canChange} /> },
                  { id: "aliases", label: "Aliases", content: <AliasesTab name={name} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteFunctionDialog name={deleting ? name : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/lambda")} />
    </>
  );
}

function FunctionState({ config }: { config: FunctionConfiguration }) {
  if (config.State === "Failed") return <StatusIndicator type="error">Failed{config.StateReason ? `: ${config.StateReason}` : ""}</StatusIndicator>;
  if (config.State === "Pending" || config.LastUpdateStatus === "InProgress") return <StatusIndicator type="stopped">{config.State === "Pending" ? "Pending" : "Updating"}</StatusIndicator>;
  return <StatusIndicator type="success">{config.State ?? "Active"}</StatusIndicator>;
}

function FunctionOverview({ config }: { config: FunctionConfiguration }) {
  const runtime = runtimeInfo(config.Runtime);
  return (
    <Container title="Function overview">
      <KeyValueGrid>
        <KeyValue label="Description">{config.Description || "–"}</KeyValue>
        <KeyValue label="Last modified">{formatDateTime(lambdaTime(config.LastModified))}</KeyValue>
        <KeyValue label="Function ARN">
          <CopyableCode text={config.FunctionArn} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Runtime">
          {runtime ? `${runtime.label} (${config.Runtime})` : config.Runtime}
          {runtime && <span className="cell-sub">{runtime.servedBy}</span>}
        </KeyValue>
        <KeyValue label="Handler">
          <code>{config.Handler}</code>
        </KeyValue>
        <KeyValue label="State">
          <FunctionState config={config} />
        </KeyValue>
        <KeyValue label="Memory">{config.MemorySize} MB</KeyValue>
        <KeyValue label="Timeout">{formatDuration(config.Timeout)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
