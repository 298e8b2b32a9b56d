"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { FormField } from "../../../../../_components/FormField";
import { Modal } from "../../../../../_components/Modal";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";

const EXTENSIONS = [
  { value: "integrations", label: "API Gateway integrations" },
  { value: "authorizers", label: "Authorizers" },
  { value: "apigateway", label: "All API Gateway extensions" },
];

/** GetExport: the stage's deployment as an OpenAPI 3.0 or Swagger 2.0 file, downloaded by the browser. */
export function ExportStageModal({ restApiId, stageName, onClose }: { restApiId: string; stageName: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [exportType, setExportType] = useState("oas30");
  const [yaml, setYaml] = useState(false);
  const [extensions, setExtensions] = useState<string[]>(["integrations"]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const exported = await queryClient.fetchQuery(
        trpc.apigateway.getExport.queryOptions({
          restApiId,
          stageName,
          exportType,
          accepts: yaml ? "application/yaml" : "application/json",
          parameters: { extensions: extensions.join(",") },
        }),
      );
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([exported.body], { type: exported.contentType }));
      link.download = /filename="?([^";]+)"?/.exec(exported.contentDisposition)?.[1] ?? `${restApiId}-${stageName}.${yaml ? "yaml" : "json"}`;
      link.click();
      URL.revokeObjectURL(link.href);
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`Export stage ${stageName}`}
      onClose={onClose}
      footer={
        <>
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={busy} onClick={() => void download()}>
            Export
          </Button>
        </>
      }
    >
      <div className="stack">
        <FormField label="Specification">
          {(control) => (
            <select {...control} className="select" value={exportType} onChange={(event) => setExportType(event.target.value)}>
              <option value="oas30">OpenAPI 3.0</option>
              <option value="swagger">Swagger 2.0</option>
            </select>
          )}
        </FormField>
        <fieldset className="stack-sm">
          <legend>Extensions</legend>
          {EXTENSIONS.map((extension) => (
            <label key={extension.value} className="checkbox">
              <input
                type="checkbox"
                checked={extensions.includes(extension.value)}
                onChange={(event) => setExtensions((all) => (event.target.checked ? [...all, extension.value] : all.filter((e) => e !== extension.value)))}
              />
              {extension.label}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={yaml} onChange={(event) => setYaml(event.target.checked)} />
          YAML instead of JSON
        </label>
        {error != null && <Alert type="error" title="Couldn't export the stage">{errorMessage(error)}</Alert>}
      </div>
    </Modal>
  );
}
