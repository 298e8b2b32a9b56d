"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../../../../_components/Button";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { Tiles } from "../../../../../_components/Tiles";
import { useTRPC } from "../../../../../_trpc/client";
import {
  AUTHORIZER_KINDS,
  type AuthorizerErrors,
  type AuthorizerForm,
  authorizerErrors,
  authorizerForm,
  authorizerMembers,
  authorizerPatch,
  IDENTITY_SOURCE_KINDS,
  type IdentitySource,
  LAMBDA_PAYLOADS,
  NEW_AUTHORIZER_FORM,
} from "../../authorizer-form";
import { type Authorizer, type RestApi, useRefreshApis } from "../../use-api";
import { LambdaFunctionSelect } from "./LambdaFunctionSelect";

interface AuthorizerModalProps {
  api: RestApi;
  /** The authorizer to edit; a new one when absent. */
  authorizer?: Authorizer;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** CreateAuthorizer for a new authorizer, UpdateAuthorizer with what changed for an existing one. */
export function AuthorizerModal({ api, authorizer, onClose, onSaved }: AuthorizerModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [form, setForm] = useState<AuthorizerForm>(() => (authorizer ? authorizerForm(authorizer) : NEW_AUTHORIZER_FORM));
  const [submitted, setSubmitted] = useState(false);
  const errors = authorizerErrors(form);
  const shown: Partial<AuthorizerErrors> = submitted ? errors : {};
  const set = (change: Partial<AuthorizerForm>) => setForm((f) => ({ ...f, ...change }));
  const options = {
    async onSuccess(saved: Authorizer) {
      await refresh();
      onSaved(saved.name);
    },
  };
  const create = useMutation(trpc.apigateway.createAuthorizer.mutationOptions(options));
  const update = useMutation(trpc.apigateway.updateAuthorizer.mutationOptions(options));
  const save = authorizer ? update : create;
  const lambda = form.kind === "lambda";
  const readsToken = !lambda || form.payload === "TOKEN";

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const members = authorizerMembers(form);
    if (!authorizer) {
      create.mutate({ restApiId: api.id, ...members });
      return;
    }
    const patchOperations = authorizerPatch(authorizer, members);
    if (patchOperations.length === 0) onClose();
    else update.mutate({ restApiId: api.id, authorizerId: authorizer.id, patchOperations });
  }

  return (
    <FormModal
      title={authorizer ? `Edit authorizer ${authorizer.name}` : "Create authorizer"}
      submitLabel={authorizer ? "Save" : "Create authorizer"}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="stack">
        <FormField label="Authorizer name" error={shown.name}>
          {(control) => <input {...control} className="input" value={form.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <Tiles
          legend="Authorizer type"
          description={authorizer ? "An authorizer keeps its type: create another one to use the other." : undefined}
          name="authorizer-type"
          value={form.kind}
          options={AUTHORIZER_KINDS}
          onChange={(kind) => set({ kind })}
          disabled={authorizer !== undefined}
        />
        {lambda ? (
          <>
            <LambdaFunctionSelect value={form.functionArn} onChange={(functionArn) => set({ functionArn })} error={shown.functionArn} />
            <FormField label="Lambda invoke role - optional" description="The ARN of the IAM role API Gateway assumes to invoke the function.">
              {(control) => <input {...control} className="input" value={form.credentials} autoComplete="off" spellCheck={false} onChange={(e) => set({ credentials: e.target.value.trim() })} />}
            </FormField>
            <Tiles legend="Lambda event payload" name="authorizer-payload" value={form.payload} options={LAMBDA_PAYLOADS} onChange={(payload) => set({ payload })} />
          </>
        ) : (
          <FormField label="Cognito user pools" description="The ARNs of the user pools whose tokens the authorizer accepts, one a line." error={shown.providerArns}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea code-input"
                rows={3}
                spellCheck={false}
                placeholder="arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc123"
                value={form.providerArns}
                onChange={(e) => set({ providerArns: e.target.value })}
              />
            )}
          </FormField>
        )}
        {readsToken ? (
          <>
            <FormField label="Token source" description="The request header that holds the token." error={shown.tokenHeader}>
              {(control) => <input {...control} className="input" value={form.tokenHeader} autoComplete="off" spellCheck={false} onChange={(e) => set({ tokenHeader: e.target.value.trim() })} />}
            </FormField>
            <FormField
              label="Token validation - optional"
              description="A regular expression the whole token must match; other tokens are refused without running the authorizer."
              error={shown.validationExpression}
            >
              {(control) => (
                <input {...control} className="input code-input" value={form.validationExpression} autoComplete="off" spellCheck={false} placeholder="^Bearer [-0-9a-zA-Z._]+$" onChange={(e) => set({ validationExpression: e.target.value })} />
              )}
            </FormField>
          </>
        ) : (
          <IdentitySourcesField sources={form.identitySources} onChange={(identitySources) => set({ identitySources })} error={shown.identitySources} />
        )}
        <FormField label="Authorization caching TTL (seconds)" description="How long an answer is reused for the same identity; 0 turns caching off." constraint="From 0 to 3600 seconds." error={shown.ttl}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.ttl} onChange={(e) => set({ ttl: e.target.value.trim() })} />}
        </FormField>
      </div>
    </FormModal>
  );
}

interface IdentitySourcesFieldProps {
  sources: IdentitySource[];
  onChange: (sources: IdentitySource[]) => void;
  error?: string;
}

/** A REQUEST authorizer's identity sources: rows of a kind and a name, added and removed. */
function IdentitySourcesField({ sources, onChange, error }: IdentitySourcesFieldProps) {
  const errorId = useId();
  const update = (index: number, change: Partial<IdentitySource>) => onChange(sources.map((source, i) => (i === index ? { ...source, ...change } : source)));
  return (
    <fieldset className="form-field" aria-describedby={error ? errorId : undefined}>
      <legend className="form-label">Identity sources</legend>
      <p className="form-description">What the function is sent and answers are cached under: headers, query string parameters, stage variables or context values.</p>
      <div className="tag-editor">
        {sources.map((source, i) => (
          <div key={i} className="tag-editor-row">
            <select className="select" aria-label={`Identity source ${i + 1} type`} value={source.kind} onChange={(e) => update(i, { kind: IDENTITY_SOURCE_KINDS.find((k) => k.value === e.target.value)?.value ?? source.kind })}>
              {IDENTITY_SOURCE_KINDS.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </select>
            <input className="input" aria-label={`Identity source ${i + 1} name`} value={source.name} autoComplete="off" spellCheck={false} onChange={(e) => update(i, { name: e.target.value })} />
            <Button aria-label={`Remove identity source ${i + 1}`} onClick={() => onChange(sources.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button onClick={() => onChange([...sources, { kind: "header", name: "" }])}>Add identity source</Button>
        </div>
      </div>
      {error && (
        <p id={errorId} className="form-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
