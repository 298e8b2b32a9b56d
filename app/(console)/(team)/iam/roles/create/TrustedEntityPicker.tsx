"use client";

import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { FormField } from "../../../../../_components/FormField";
import { RadioGroup, Tiles } from "../../../../../_components/Tiles";
import type { TrustedEntity } from "../../documents";

export type TrustChoice =
  | { type: "service"; service: string }
  | { type: "account"; account: "this" | "other"; otherAccountId: string }
  | { type: "custom" };

const TYPES = [
  { value: "service", label: "AWS service", description: "Allow a service such as Lambda or API Gateway to act with this role." },
  { value: "account", label: "AWS account", description: "Allow sessions from this account or another one to assume the role." },
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

/** Who the choice trusts; null for a custom policy, or another account without a valid ID yet. */
export function trustedEntityOf(choice: TrustChoice, thisAccountId: string): TrustedEntity | null {
  if (choice.type === "service") return { kind: "service", service: choice.service };
  if (choice.type === "custom" || otherAccountError(choice)) return null;
  return { kind: "account", accountId: choice.account === "this" ? thisAccountId : choice.otherAccountId };
}

interface TrustedEntityPickerProps {
  value: TrustChoice;
  onChange: (choice: TrustChoice) => void;
  /** Shown once the form was submitted. */
  accountIdError?: string;
}

/** The AWS console's "Trusted entity type": picking one writes the trust policy for it. */
export function TrustedEntityPicker({ value, onChange, accountIdError }: TrustedEntityPickerProps) {
  function changeType(type: TrustChoice["type"]) {
    if (type === "service") onChange(INITIAL_TRUST);
    else if (type === "account") onChange({ type, account: "this", otherAccountId: "" });
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
    </div>
  );
}
