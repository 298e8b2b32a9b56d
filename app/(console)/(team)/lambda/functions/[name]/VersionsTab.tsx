"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { QueryResult } from "../../../../../_components/QueryResult";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { Flash } from "../../../../../_components/Flash";
import { FormModal } from "../../../../../_components/FormModal";
import { lambdaTime } from "../../format";
import { runtimeInfo } from "../../runtimes";
import type { FunctionConfiguration } from "../../use-function";
import { useAliases, useVersions } from "./use-versions";

/** Versions: $LATEST and the published, immutable snapshots of code and configuration. */
export function VersionsTab({ config, canChange }: { config: FunctionConfiguration; canChange: boolean }) {
  const name = config.FunctionName;
  const versions = useVersions(name);
  const aliases = useAliases(name);
  const [publishing, setPublishing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  const aliasesOf = (version: string) =>
    (aliases.data ?? []).filter((a) => a.FunctionVersion === version || a.RoutingConfig?.AdditionalVersionWeights[version] !== undefined).map((a) => a.Name);

  const columns: Column<FunctionConfiguration>[] = [
    { header: "Version", cell: (v) => <strong>{v.Version}</strong>, nowrap: true },
    { header: "Aliases", cell: (v) => aliasesOf(v.Version).join(", ") || "–" },
    { header: "Description", cell: (v) => v.Description || "–" },
    { header: "Runtime", cell: (v) => runtimeInfo(v.Runtime)?.label ?? v.Runtime, nowrap: true },
    {
      header: "Code SHA256",
      cell: (v) => (
        <code className="break-all" title={v.CodeSha256}>
          {v.CodeSha256.slice(0, 12)}…
        </code>
      ),
    },
    { header: "Last modified", cell: (v) => formatDateTime(lambdaTime(v.LastModified)) },
  ];

  return (
    <div className="stack-lg">
      <Flash message={flash} onDismiss={() => setFlash(null)} />
      <Container
        title="Versions"
        counter={versions.data?.length}
        description="Publishing a version snapshots $LATEST's code and configuration; a version can't be changed afterwards."
        flush
        actions={
          <Button variant="primary" disabled={!canChange} onClick={() => setPublishing(true)}>
            Publish new version
          </Button>
        }
      >
        <QueryResult query={versions} loadingLabel="Loading versions">
          {(rows) => <DataTable label="Versions" columns={columns} rows={rows} rowKey={(v) => v.Version} empty={<EmptyState title="No versions" />} />}
        </QueryResult>
      </Container>
      {publishing && (
        <PublishVersionModal
          name={name}
          onClose={() => setPublishing(false)}
          onPublished={(version) => {
            setPublishing(false);
            setFlash(`Successfully created version ${version} of function ${name}.`);
          }}
        />
      )}
    </div>
  );
}

function PublishVersionModal({ name, onClose, onPublished }: { name: string; onClose: () => void; onPublished: (version: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [description, setDescription] = useState("");
  const publish = useMutation(
    trpc.lambda.publishVersion.mutationOptions({
      async onSuccess(data) {
        await Promise.all([
          queryClient.invalidateQueries(trpc.lambda.listVersionsByFunction.queryFilter({ FunctionName: name })),
          queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter()),
        ]);
        onPublished(data.Version);
      },
    }),
  );
  const tooLong = description.length > 256;
  return (
    <FormModal
      title="Publish new version"
      submitLabel="Publish"
      pending={publish.isPending}
      error={publish.error}
      onClose={onClose}
      onSubmit={() => !tooLong && publish.mutate({ FunctionName: name, Description: description || undefined })}
    >
      <p>The new version gets the next number and a copy of $LATEST&apos;s code and configuration. If nothing changed since the last version, that version is returned.</p>
      <FormField label="Version description" description="Optional." error={tooLong ? "The description can have up to 256 characters." : undefined}>
        {(control) => <input {...control} className="input" value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
    </FormModal>
  );
}
