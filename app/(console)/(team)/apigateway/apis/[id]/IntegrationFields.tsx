"use client";

import type { ReactNode } from "react";
import { HTTP_METHODS } from "~/server/services/apigateway/model";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { FormField } from "../../../../../_components/FormField";
import { RadioGroup, Tiles } from "../../../../../_components/Tiles";
import { REGIONS } from "../../../../../_lib/regions";
import { type AwsActionType, INTEGRATION_KINDS, type IntegrationErrors, type IntegrationForm, isProxyForm, PASSTHROUGH_BEHAVIORS } from "../../integration-form";
import { CONTENT_HANDLING } from "../../method-settings";
import { LambdaFunctionSelect } from "./LambdaFunctionSelect";

interface FieldsProps {
  form: IntegrationForm;
  onChange: (change: Partial<IntegrationForm>) => void;
  /** The form's errors, once the user has tried to save. */
  errors: Partial<IntegrationErrors>;
}

const ACTION_TYPES = [
  { value: "action", label: "Use action name", description: "Call one of the service's actions, e.g. SendMessage." },
  { value: "path", label: "Use path override", description: "Call a path of the service's API." },
] as const satisfies readonly { value: AwsActionType; label: string; description: string }[];

/** The integration editor: its type, then that type's target and options. */
export function IntegrationFields({ form, onChange, errors }: FieldsProps) {
  return (
    <div className="stack">
      <Tiles legend="Integration type" name="integration-type" value={form.kind} options={INTEGRATION_KINDS} onChange={(kind) => onChange({ kind })} />
      {form.kind === "lambda" && <LambdaFields form={form} onChange={onChange} errors={errors} />}
      {form.kind === "http" && <HttpFields form={form} onChange={onChange} errors={errors} />}
      {form.kind === "aws" && <AwsServiceFields form={form} onChange={onChange} errors={errors} />}
      {form.kind === "mock" && <p className="form-description">A mock integration answers with the status code its request template selects and the body of its response templates.</p>}
      {!isProxyForm(form) && (
        <FormField label="Request body passthrough" description="Whether a request body with a content type that has no mapping template goes to the backend as it is.">
          {(control) => (
            <select {...control} className="select" value={form.passthroughBehavior} onChange={(e) => onChange({ passthroughBehavior: e.target.value })}>
              {PASSTHROUGH_BEHAVIORS.map((behavior) => (
                <option key={behavior.value} value={behavior.value}>
                  {behavior.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {!isProxyForm(form) && (
        <ChoiceSelect
          label="Content handling"
          description="How the request body reaches the backend: as it is, a binary body base64-encoded to text, or a base64 text body decoded to binary."
          choices={CONTENT_HANDLING}
          value={form.contentHandling}
          onChange={(contentHandling) => onChange({ contentHandling })}
        />
      )}
      {form.kind !== "mock" && (
        <FormField label="Integration timeout (ms)" constraint="From 50 to 29,000 milliseconds." error={errors.timeoutInMillis}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.timeoutInMillis} onChange={(e) => onChange({ timeoutInMillis: e.target.value.trim() })} />}
        </FormField>
      )}
    </div>
  );
}

function ProxyToggle({ label, checked, onChange, children }: { label: string; checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <div>
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      <p className="form-description">{children}</p>
    </div>
  );
}

function LambdaFields({ form, onChange, errors }: FieldsProps) {
  return (
    <>
      <ProxyToggle label="Lambda proxy integration" checked={form.proxy} onChange={(proxy) => onChange({ proxy })}>
        The function gets the whole request as its event and answers with the status code, headers and body to send back.
      </ProxyToggle>
      <LambdaFunctionSelect value={form.functionArn} onChange={(functionArn) => onChange({ functionArn })} error={errors.functionArn} />
    </>
  );
}

function HttpMethodSelect({ value, onChange }: { value: string; onChange: (method: string) => void }) {
  return (
    <FormField label="HTTP method" description="The method the integration calls its target with.">
      {(control) => (
        <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
          {HTTP_METHODS.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

function HttpFields({ form, onChange, errors }: FieldsProps) {
  return (
    <>
      <ProxyToggle label="HTTP proxy integration" checked={form.proxy} onChange={(proxy) => onChange({ proxy })}>
        The request goes to the endpoint as it came, and the endpoint&apos;s response comes back as it is.
      </ProxyToggle>
      <HttpMethodSelect value={form.httpMethod} onChange={(httpMethod) => onChange({ httpMethod })} />
      <FormField label="Endpoint URL" description="Stage variables may stand for parts of it, e.g. https://${stageVariables.host}/pets." error={errors.endpointUrl}>
        {(control) => (
          <input {...control} className="input" value={form.endpointUrl} autoComplete="off" spellCheck={false} placeholder="https://example.com/pets" onChange={(e) => onChange({ endpointUrl: e.target.value.trim() })} />
        )}
      </FormField>
    </>
  );
}

function AwsServiceFields({ form, onChange, errors }: FieldsProps) {
  const byAction = form.awsActionType === "action";
  return (
    <>
      <FormField label="AWS Region">
        {(control) => (
          <select {...control} className="select" value={form.awsRegion} onChange={(e) => onChange({ awsRegion: e.target.value })}>
            {REGIONS.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name} ({region.code})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="AWS service" description="The service's endpoint prefix, e.g. sqs, sns or kinesis." error={errors.awsService}>
        {(control) => <input {...control} className="input" value={form.awsService} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ awsService: e.target.value.trim() })} />}
      </FormField>
      <HttpMethodSelect value={form.httpMethod} onChange={(httpMethod) => onChange({ httpMethod })} />
      <RadioGroup legend="Action type" name="aws-action-type" value={form.awsActionType} options={ACTION_TYPES} onChange={(awsActionType) => onChange({ awsActionType })} />
      <FormField label={byAction ? "Action name" : "Path override"} error={errors.awsAction}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={form.awsAction}
            autoComplete="off"
            spellCheck={false}
            placeholder={byAction ? "SendMessage" : "123456789012/my-queue"}
            onChange={(e) => onChange({ awsAction: e.target.value.trim() })}
          />
        )}
      </FormField>
      <FormField label="Execution role - optional" description="The ARN of the IAM role API Gateway assumes to call the service.">
        {(control) => <input {...control} className="input" value={form.credentials} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ credentials: e.target.value.trim() })} />}
      </FormField>
    </>
  );
}
