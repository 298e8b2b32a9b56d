"use client";

import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { formatDuration } from "../../format";
import { runtimeInfo } from "../../runtimes";
import type { LoadedFunction } from "../../use-function";
import { AsyncInvocationSection } from "./AsyncInvocationSection";
import { ConcurrencySection } from "./ConcurrencySection";
import { EnvironmentModal } from "./EnvironmentModal";
import { GeneralSettingsModal } from "./GeneralSettingsModal";
import { PolicySection } from "./PolicySection";
import { TagsSection } from "./TagsSection";

/** Configuration: one panel per group of settings, each with its own Edit. */
export function ConfigurationTab({ fn, canChange }: { fn: LoadedFunction; canChange: boolean }) {
  const config = fn.Configuration;
  const [editing, setEditing] = useState<"general" | "environment" | null>(null);
  const variables = Object.entries(config.Environment?.Variables ?? {}).map(([key, value]) => ({ key, value }));
  const edit = (section: "general" | "environment") => (
    <Button disabled={!canChange} onClick={() => setEditing(section)}>
      Edit
    </Button>
  );

  return (
    <div className="stack-lg">
      <Container title="General configuration" actions={edit("general")}>
        <KeyValueGrid>
          <KeyValue label="Description">{config.Description || "–"}</KeyValue>
          <KeyValue label="Memory">{config.MemorySize} MB</KeyValue>
          <KeyValue label="Ephemeral storage">{config.EphemeralStorage.Size} MB</KeyValue>
          <KeyValue label="Timeout">{formatDuration(config.Timeout)}</KeyValue>
          <KeyValue label="Runtime">{runtimeInfo(config.Runtime)?.label ?? config.Runtime}</KeyValue>
          <KeyValue label="Handler">
            <code>{config.Handler}</code>
          </KeyValue>
          <KeyValue label="Execution role">
            <code className="break-all">{config.Role}</code>
          </KeyValue>
        </KeyValueGrid>
      </Container>

      <Container
        title="Environment variables"
        counter={variables.length}
        description="Key-value pairs the function's code reads from its environment, e.g. process.env.TABLE_NAME or os.environ['TABLE_NAME']."
        flush
        actions={edit("environment")}
      >
        <DataTable
          label="Environment variables"
          columns={[
            { header: "Key", cell: (v) => <code>{v.key}</code> },
            { header: "Value", cell: (v) => <code className="break-all">{v.value}</code> },
          ]}
          rows={variables}
          rowKey={(v) => v.key}
          empty={<EmptyState title="No environment variables">The function has no environment variables of its own.</EmptyState>}
        />
      </Container>

      <ConcurrencySection name={config.FunctionName} reserved={fn.Concurrency?.ReservedConcurrentExecutions} canChange={canChange} />
      <AsyncInvocationSection config={config} canChange={canChange} />
      <TagsSection arn={config.FunctionArn} name={config.FunctionName} tags={fn.Tags ?? {}} canChange={canChange} />
      <PolicySection name={config.FunctionName} />

      {editing === "general" && <GeneralSettingsModal config={config} onClose={() => setEditing(null)} />}
      {editing === "environment" && <EnvironmentModal name={config.FunctionName} variables={variables} onClose={() => setEditing(null)} />}
    </div>
  );
}
