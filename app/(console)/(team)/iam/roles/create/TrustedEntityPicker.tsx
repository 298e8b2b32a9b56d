"use client";

import Link from "next/link";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { FormField } from "../../../../../_components/FormField";
import { RadioGroup, Tiles } from "../../../../../_components/Tiles";
import { errorMessage } from "../../../../../_lib/errors";
import type { TrustedEntity } from "../../documents";
import { IDENTITY_PROVIDERS_HREF } from "../../links";
import { useOidcProviders } from "../../use-iam";

export type TrustChoice =
  | { type: "service"; service: string }
  | { type: "account"; account: "this" | "other"; otherAccountId: string }
  | { type: "web"; providerArn: string; audience: string }
  | { type: "custom" };

const TYPES = [
  { value: "service", label: "AWS service", description: "Allow a service such as Lambda or API Gateway to act with this role." },
  { value: "account", label: "AWS account", description: "Allow sessions from this account or another one to assume the role." },
  { value: "web", label: "Web identity", description: "Allow users of an OpenID Connect identity provider to assume the role with its tokens." },
  { value: "custom", label: "Custom trust policy", description: "Write the trust policy yourself." },
] as const;

const SERVICES = [
  { value: "lambda.amazonaws.com", label: "Lambda" },
  { value: "apigateway.amazonaws.com", label: "API Gateway" },
  { value: "sns.amazonaws.com", label: "SNS" },
  { value: "logs.amazonaws.com", label: "CloudWatch Logs" },
  { value: "states.amazonaws.com", label: "Step Functions" },
  { value: "events.amazonaws.com", label: "EventBridge" },
  { value: "ec2.amazonaws.com", label: "EC2" },
] as const;

const ACCOUNTS = [
  { value: "this", label: "This account", description: "Sessions of this team's account." },
  { value: "other", label: "Another AWS account", description: "Sessions of the account whose ID you enter." },
] as const;

export const INITIAL_TRUST = { type: "service", service: SERVICES[0].value } as const satisfies TrustChoice;

/** The account ID a choice of another account needs, checked before the policy is written for it. */
export function otherAccountError(choice: TrustChoice): string | undefined {
  return choice.type === "account" && choice.account === "other" && !/^\d{12}$/.test(choice.otherAccountId) ? "Enter a 12-digit account ID." : undefined;
}

/** A web identity needs a provider and one of its audiences before the policy is written for it. */
export function webIdentityError(choice: TrustChoice): string | undefined {
  return choice.type === "web" && (!choice.providerArn || !choice.audience) ? "Choose an identity provider and an audience." : undefined;
}

/** Who the choice trusts; null for a custom policy, or another account or a web identity not fully chosen yet. */
export function trustedEntityOf(choice: TrustChoice, thisAccountId: string): TrustedEntity | null {
  if (choice.type === "service") return { kind: "service", service: choice.service };
  if (choice.type === "web") return webIdentityError(choice) ? null : { kind: "web", providerArn: choice.providerArn, audience: choice.audience };
  if (choice.type === "custom" || otherAccountError(choice)) return null;
  return { kind: "account", accountId: choice.account === "this" ? thisAccountId : choice.otherAccountId };
}

interface TrustedEntityPickerProps {
  value: TrustChoice;
  onChange: (choice: TrustChoice) => void;
  /** Shown once the form was submitted. */
  accountIdError?: string;
  webIdentityError?: string;
}

/** The AWS console's "Trusted entity type": picking one writes the trust policy for it. */
export function TrustedEntityPicker({ value, onChange, accountIdError, webIdentityError }: TrustedEntityPickerProps) {
  function changeType(type: TrustChoice["type"]) {
    if (type === "service") onChange(INITIAL_TRUST);
    else if (type === "account") onChange({ type, account: "this", otherAccountId: "" });
    else if (type === "web") onChange({ type, providerArn: "", audience: "" });
    else onChange({ type });
  }
  return (
    <div className="stack">
      <Tiles legend="Trusted entity type" name="trusted-entity-type" value={value.type} options={TYPES} onChange={changeType} />
      {value.type === "service" && (
        <div className="form-grid">
          <ChoiceSelect
            label="Service"
            description="The service that assumes the role (its principal)."
            choices={SERVICES}
            value={value.service}
            onChange={(service) => onChange({ ...value, service })}
          />
        </div>
      )}
      {value.type === "account" && (
        <>
          <RadioGroup legend="Account" name="trusted-account" value={value.account} options={ACCOUNTS} onChange={(account) => onChange({ ...value, account })} />
          {value.account === "other" && (
            <div className="form-grid">
              <FormField label="Account ID" description="The 12-digit ID of the account whose sessions may assume the role." error={accountIdError}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    inputMode="numeric"
                    autoComplete="off"
                    value={value.otherAccountId}
                    onChange={(e) => onChange({ ...value, otherAccountId: e.target.value.replace(/\D/g, "") })}
                  />
                )}
              </FormField>
            </div>
          )}
        </>
      )}
      {value.type === "web" && <WebIdentityFields value={value} onChange={onChange} error={webIdentityError} />}
    </div>
  );
}

type WebChoice = Extract<TrustChoice, { type: "web" }>;

/** The account's OpenID Connect provider and the audience (client ID) its tokens must be issued to. */
function WebIdentityFields({ value, onChange, error }: { value: WebChoice; onChange: (choice: WebChoice) => void; error?: string }) {
  const providers = useOidcProviders();
  const list = providers.data ?? [];
  const audiences = list.find((p) => p.Arn === value.providerArn)?.ClientIDList ?? [];
  const listError = providers.error ? `Couldn't list identity providers: ${errorMessage(providers.error)}` : undefined;
  return (
    <div className="form-grid">
      <FormField
        label="Identity provider"
        description={
          <>
            An OpenID Connect provider of this account; add one in <Link href={IDENTITY_PROVIDERS_HREF}>Identity providers</Link>.
          </>
        }
        error={listError ?? error}
      >
        {(control) => (
          <select
            {...control}
            className="select"
            value={value.providerArn}
            disabled={providers.isPending}
            // A provider with one audience needs no second choice.
            onChange={(e) => {
              const chosen = list.find((p) => p.Arn === e.target.value);
              onChange({ ...value, providerArn: e.target.value, audience: chosen?.ClientIDList.length === 1 ? chosen.ClientIDList[0]! : "" });
            }}
          >
            <option value="">{providers.isPending ? "Loading identity providers…" : "Choose an identity provider"}</option>
            {list.map((p) => (
              <option key={p.Arn} value={p.Arn}>
                {p.Url}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Audience" description="The client ID the provider's tokens must be issued to (its aud).">
        {(control) => (
          <select {...control} className="select" value={value.audience} disabled={!value.providerArn} onChange={(e) => onChange({ ...value, audience: e.target.value })}>
            <option value="">Choose an audience</option>
            {audiences.map((audience) => (
              <option key={audience} value={audience}>
                {audience}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </div>
  );
}
