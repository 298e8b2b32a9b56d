"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { useTRPC } from "../../../../../_trpc/client";
import { FormModal } from "../../../../../_components/FormModal";
import { useVersions, type Alias } from "./use-versions";

/** Alias names: letters, digits, - and _, not all digits (that would read as a version). */
const ALIAS_NAME = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;

interface AliasForm {
  name: string;
  description: string;
  version: string;
  weighted: boolean;
  extraVersion: string;
  /** The additional version's share, in percent. */
  weight: string;
}

function initialForm(alias: Alias | null): AliasForm {
  const [extra] = Object.entries(alias?.RoutingConfig?.AdditionalVersionWeights ?? {});
  return {
    name: alias?.Name ?? "",
    description: alias?.Description ?? "",
    version: alias?.FunctionVersion ?? "",
    weighted: extra !== undefined,
    extraVersion: extra?.[0] ?? "",
    weight: extra ? String(Math.round(extra[1] * 10_000) / 100) : "10",
  };
}

function validate(form: AliasForm, creating: boolean) {
  const weight = Number(form.weight);
  return {
    name: creating && !ALIAS_NAME.test(form.name) ? "Use up to 128 letters, numbers, hyphens (-) and underscores (_); not only numbers." : undefined,
    description: form.description.length > 256 ? "The description can have up to 256 characters." : undefined,
    version: form.version ? undefined : "Choose a version.",
    extraVersion: form.weighted && !form.extraVersion ? "Choose the additional version." : undefined,
    weight: form.weighted && !(form.weight.trim() !== "" && weight >= 0 && weight <= 100) ? "Enter a weight from 0 to 100 %." : undefined,
  };
}

interface AliasModalProps {
  name: string;
  /** The alias to edit; null creates one. */
  alias: Alias | null;
  onClose: () => void;
  onSaved: (alias: string, created: boolean) => void;
}

/** CreateAlias / UpdateAlias: a version, and optionally a second version that gets a weighted share of invocations. */
export function AliasModal({ name, alias, onClose, onSaved }: AliasModalProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useVersions(name);
  const creating = alias === null;
  const [form, setForm] = useState(() => initialForm(alias));
  const [submitted, setSubmitted] = useState(false);
  const errors = validate(form, creating);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = (change: Partial<AliasForm>) => setForm((f) => ({ ...f, ...change }));

  async function saved(aliasName: string) {
    await Promise.all([
      queryClient.invalidateQueries(trpc.lambda.listAliases.queryFilter({ FunctionName: name })),
      queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter()),
    ]);
    onSaved(aliasName, creating);
  }
  const create = useMutation(trpc.lambda.createAlias.mutationOptions({ onSuccess: (data) => saved(data.Name) }));
  const update = useMutation(trpc.lambda.updateAlias.mutationOptions({ onSuccess: (data) => saved(data.Name) }));
  const save = creating ? create : update;

  // Weighted routing needs published versions; the main one may also be $LATEST when unweighted.
  const all = versions.data ?? [];
  const published = all.filter((v) => v.Version !== "$LATEST");
  const mainChoices = form.weighted ? published : all;

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const input = {
      FunctionName: name,
      Name: form.name,
      Description: form.description,
      FunctionVersion: form.version,
      // An edit without weights clears an existing routing configuration.
      RoutingConfig: { AdditionalVersionWeights: form.weighted ? { [form.extraVersion]: Number(form.weight) / 100 } : {} },
    };
    if (creating) create.mutate(input);
    else update.mutate(input);
  }

  return (
    <FormModal title={creating ? "Create alias" : `Edit alias ${alias.Name}`} pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      {creating && (
        <FormField label="Alias name" error={shown.name}>
          {(control) => <input {...control} className="input" value={form.name} autoComplete="off" placeholder="live" onChange={(e) => set({ name: e.target.value.trim() })} />}
        </FormField>
      )}
      <FormField label="Description" description="Optional." error={shown.description}>
        {(control) => <input {...control} className="input" value={form.description} onChange={(e) => set({ description: e.target.value })} />}
      </FormField>
      <FormField label="Version" description={versions.isPending ? "Loading versions…" : "The version the alias points to."} error={shown.version}>
        {(control) => (
          <select {...control} className="select" value={form.version} onChange={(e) => set({ version: e.target.value })}>
            <option value="">Choose a version</option>
            {mainChoices.map((v) => (
              <option key={v.Version} value={v.Version}>
                {v.Version}
                {v.Description ? ` – ${v.Description}` : ""}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.weighted}
          disabled={published.length < 2}
          onChange={(e) => set({ weighted: e.target.checked, ...(e.target.checked && form.version === "$LATEST" && { version: "" }) })}
        />
        <span>
          <span className="radio-label">Weighted alias</span>
          <span className="radio-description">
            {published.length < 2 ? "Needs two published versions." : "Send a share of invocations to a second published version, e.g. to try a release."}
          </span>
        </span>
      </label>
      {form.weighted && (
        <div className="form-grid">
          <FormField label="Additional version" error={shown.extraVersion}>
            {(control) => (
              <select {...control} className="select" value={form.extraVersion} onChange={(e) => set({ extraVersion: e.target.value })}>
                <option value="">Choose a version</option>
                {published
                  .filter((v) => v.Version !== form.version)
                  .map((v) => (
                    <option key={v.Version} value={v.Version}>
                      {v.Version}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
          <FormField label="Weight (%)" description="The additional version's share; the main version gets the rest." error={shown.weight}>
            {(control) => <input {...control} className="input" inputMode="decimal" value={form.weight} onChange={(e) => set({ weight: e.target.value })} />}
          </FormField>
        </div>
      )}
    </FormModal>
  );
}
