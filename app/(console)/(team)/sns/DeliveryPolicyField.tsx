"use client";

import { Button } from "../../../_components/Button";
import { FormField } from "../../../_components/FormField";
import { DEFAULT_SUBSCRIPTION_DELIVERY_POLICY, DEFAULT_TOPIC_DELIVERY_POLICY } from "./json";

/** A topic's policy holds the retry policy for HTTP/S under "http"; a subscription's holds it at the top. */
const POLICY_SHAPES = {
  topic: { placeholder: '{ "http": { "defaultHealthyRetryPolicy": { … } } }', defaultPolicy: DEFAULT_TOPIC_DELIVERY_POLICY },
  subscription: { placeholder: '{ "healthyRetryPolicy": { … } }', defaultPolicy: DEFAULT_SUBSCRIPTION_DELIVERY_POLICY },
};

interface DeliveryPolicyFieldProps {
  /** Whose policy it is, which decides the placeholder and the default. */
  of: keyof typeof POLICY_SHAPES;
  label: string;
  description: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  /** The textarea grows with the policy up to this many rows. */
  maxRows?: number;
}

/** An HTTP/S delivery policy as JSON, and a button that fills in AWS's default to start from. */
export function DeliveryPolicyField({ of, label, description, value, error, onChange, maxRows = 16 }: DeliveryPolicyFieldProps) {
  const shape = POLICY_SHAPES[of];
  // Two siblings, not one block, so that they take the spacing of the form around them.
  return (
    <>
      <FormField label={label} description={description} error={error}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea code-input"
            rows={value ? Math.min(maxRows, value.split("\n").length + 1) : 4}
            spellCheck={false}
            value={value}
            placeholder={shape.placeholder}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </FormField>
      <div className="button-row">
        <Button onClick={() => onChange(shape.defaultPolicy)}>Insert default policy</Button>
      </div>
    </>
  );
}
