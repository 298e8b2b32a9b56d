"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { invokeUrl } from "../../links";
import { defaultMethodSettings, LOGGING_LEVELS } from "../../stage-settings";
import { type RestApi, type Stage, useRefreshApis } from "../../use-api";
import { CanarySettings } from "./CanarySettings";
import { ExportStageModal } from "./ExportStageModal";
import { StageMonitoring } from "./StageMonitoring";
import { StageSettingsModal } from "./StageSettingsModal";
import { StageVariables } from "./StageVariables";

export interface StageProps {
  api: RestApi;
  stage: Stage;
  canChange: boolean;
}

/** UpdateStage on this stage; `onDone` runs once the API's views have been read again. */
export function useUpdateStage(onDone: () => void) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  return useMutation(
    trpc.apigateway.updateStage.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone();
      },
    }),
  );
}

const enabled = (on: boolean) => (on ? "Enabled" : "Disabled");

/** One stage: where it answers, what it serves, and the settings, variables and canary it serves it with. */
export function StageDetails({ api, stage, gatewayUrl, canChange }: StageProps & { gatewayUrl: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const remove = useMutation(
    trpc.apigateway.deleteStage.mutationOptions({
      async onSuccess() {
        setDeleting(false);
        await refresh();
      },
    }),
  );
  const all = defaultMethodSettings(stage);
  const url = invokeUrl(gatewayUrl, api.id, stage.stageName);

  return (
    <>
      <Container
        title="Stage details"
        actions={
          <>
            <Button onClick={() => setExporting(true)}>Export</Button>
            <Button disabled={!canChange} onClick={() => setDeleting(true)}>
              Delete stage
            </Button>
          </>
        }
      >
        <KeyValueGrid label="Stage details">
          <KeyValue label="Stage name">{stage.stageName}</KeyValue>
          <KeyValue label="Invoke URL">
            <CopyableCode text={url} label="Copy invoke URL" />
          </KeyValue>
          <KeyValue label="Deployment ID">
            <code>{stage.deploymentId}</code>
          </KeyValue>
          <KeyValue label="Description">{stage.description ?? "–"}</KeyValue>
          <KeyValue label="Created">{formatDateTime(stage.createdDate)}</KeyValue>
          <KeyValue label="Last updated">{formatDateTime(stage.lastUpdatedDate)}</KeyValue>
        </KeyValueGrid>
      </Container>
      <Container
        title="Stage settings"
        description="The settings of every method in the stage."
        actions={
          <Button disabled={!canChange} onClick={() => setEditing(true)}>
            Edit
          </Button>
        }
      >
        <KeyValueGrid label="Stage settings">
          <KeyValue label="Rate limit">{all.throttlingRateLimit.toLocaleString("en-US")} requests per second</KeyValue>
          <KeyValue label="Burst limit">{all.throttlingBurstLimit.toLocaleString("en-US")} requests</KeyValue>
          <KeyValue label="API cache">{stage.cacheClusterEnabled ? `Provisioned (${stage.cacheClusterSize} GB)` : "Not provisioned"}</KeyValue>
          <KeyValue label="Method cache">{all.cachingEnabled ? `Enabled, ${all.cacheTtlInSeconds} seconds TTL` : "Disabled"}</KeyValue>
          <KeyValue label="CloudWatch logs">{LOGGING_LEVELS.find((level) => level.value === all.loggingLevel)?.label ?? all.loggingLevel}</KeyValue>
          <KeyValue label="Data tracing">{enabled(all.dataTraceEnabled)}</KeyValue>
          <KeyValue label="Detailed metrics">{enabled(all.metricsEnabled)}</KeyValue>
          <KeyValue label="X-Ray tracing">{enabled(stage.tracingEnabled)}</KeyValue>
        </KeyValueGrid>
      </Container>
      <StageVariables api={api} stage={stage} canChange={canChange} />
      <CanarySettings api={api} stage={stage} canChange={canChange} />
      <StageMonitoring restApiId={api.id} stageName={stage.stageName} />
      {exporting && <ExportStageModal restApiId={api.id} stageName={stage.stageName} onClose={() => setExporting(false)} />}
      {editing && <StageSettingsModal api={api} stage={stage} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={deleting}
        title="Delete stage"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ restApiId: api.id, stageName: stage.stageName })}
      >
        <p>
          Delete stage <strong>{stage.stageName}</strong>? Its invoke URL stops answering. Its deployments stay, to deploy again.
        </p>
      </ConfirmDialog>
    </>
  );
}
