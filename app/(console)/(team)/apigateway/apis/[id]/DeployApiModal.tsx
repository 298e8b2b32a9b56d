"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { stageNameError } from "../../stage-settings";
import { type RestApi, useRefreshApis, useStages } from "../../use-api";

/** The stage choice that creates a stage rather than naming one (stage names can't contain spaces). */
const NEW_STAGE = "*new stage*";

/** CreateDeployment: a snapshot of the API's resources and methods, served by a new or an existing stage. */
export function DeployApiModal({ api, onClose, onDeployed }: { api: RestApi; onClose: () => void; onDeployed: (stageName: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const stages = useStages(api.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [stageName, setStageName] = useState("");
  const [stageDescription, setStageDescription] = useState("");
  const [description, setDescription] = useState("");
  const [submitted, setSubmitted] = useState(false);
  // Until the user chooses, the first stage there is, or a new one.
  const stage = choice ?? stages.data?.[0]?.stageName ?? NEW_STAGE;
  const creating = stage === NEW_STAGE;
  const nameError = creating ? stageNameError(stageName) : undefined;

  const deploy = useMutation(trpc.apigateway.createDeployment.mutationOptions());

  function submit() {
    setSubmitted(true);
    if (nameError) return;
    const target = creating ? stageName : stage;
    deploy.mutate(
      {
        restApiId: api.id,
        stageName: target,
        stageDescription: creating ? stageDescription.trim() || undefined : undefined,
        description: description.trim() || undefined,
      },
      {
        async onSuccess() {
          await refresh();
          onDeployed(target);
        },
      },
    );
  }

  return (
    <FormModal title="Deploy API" submitLabel="Deploy" pending={deploy.isPending} submitDisabled={stages.isPending} error={deploy.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <p>A deployment is a snapshot of the API&apos;s resources and methods. The stage serves it at its invoke URL from now on.</p>
        <FormField label="Stage">
          {(control) => (
            <select {...control} className="select" value={stage} onChange={(e) => setChoice(e.target.value)}>
              <option value={NEW_STAGE}>New stage</option>
              {stages.data?.map((s) => (
                <option key={s.stageName} value={s.stageName}>
                  {s.stageName}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {creating && (
          <>
            <FormField label="Stage name" constraint="Letters, digits, hyphens (-) and underscores (_)." error={submitted ? nameError : undefined}>
              {(control) => <input {...control} className="input" value={stageName} autoComplete="off" placeholder="dev" onChange={(e) => setStageName(e.target.value.trim())} />}
            </FormField>
            <FormField label="Stage description - optional">
              {(control) => <input {...control} className="input" value={stageDescription} onChange={(e) => setStageDescription(e.target.value)} />}
            </FormField>
          </>
        )}
        <FormField label="Deployment description - optional">
          {(control) => <input {...control} className="input" value={description} onChange={(e) => setDescription(e.target.value)} />}
        </FormField>
      </div>
    </FormModal>
  );
}
