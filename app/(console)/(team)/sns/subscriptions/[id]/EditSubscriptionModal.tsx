"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { FilterPolicyEditor, useFilterPolicyCheck } from "../../FilterPolicyEditor";
import { DELIVERY_POLICY_PROTOCOLS } from "../../protocols";
import { settingsChanges, settingsFromAttributes, validateSettings } from "../../subscription-settings";
import { DeadLetterQueueFields, DeliveryPolicyField, RawDeliveryField } from "../../SubscriptionSettingsFields";

interface EditSubscriptionModalProps {
  arn: string;
  attributes: Record<string, string>;
  fifo: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** The subscription's settable attributes: raw delivery, filter policy, dead-letter queue and (HTTP/S) delivery policy. */
export function EditSubscriptionModal({ arn, attributes, fifo, onClose, onSaved }: EditSubscriptionModalProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const protocol = attributes.Protocol ?? "";
  const [settings, setSettings] = useState(() => settingsFromAttributes(attributes));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const filterCheck = useFilterPolicyCheck(settings.filter);
  const errors = validateSettings(settings, protocol, filterCheck);
  const shown: Partial<typeof errors> = submitted ? errors : {};

  async function save() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setSaving(true);
    setError(null);
    try {
      for (const [AttributeName, AttributeValue] of settingsChanges(attributes, settings, protocol)) {
        await client.sns.setSubscriptionAttributes.mutate({ SubscriptionArn: arn, AttributeName, AttributeValue });
      }
      await queryClient.invalidateQueries(trpc.sns.getSubscriptionAttributes.queryFilter({ SubscriptionArn: arn }));
      onSaved();
    } catch (e) {
      // Attributes saved before the failure stay saved; reading them again shows where things stand.
      void queryClient.invalidateQueries(trpc.sns.getSubscriptionAttributes.queryFilter({ SubscriptionArn: arn }));
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal title="Edit subscription" submitLabel="Save changes" pending={saving} error={error} onSubmit={() => void save()} onClose={onClose}>
      <div className="stack-lg">
        <RawDeliveryField protocol={protocol} checked={settings.raw} onChange={(raw) => setSettings((s) => ({ ...s, raw }))} />
        <section className="stack" aria-label="Subscription filter policy">
          <h3 className="subheading">Subscription filter policy</h3>
          <FilterPolicyEditor value={settings.filter} onChange={(filter) => setSettings((s) => ({ ...s, filter }))} check={filterCheck} />
        </section>
        <section className="stack" aria-label="Redrive policy (dead-letter queue)">
          <h3 className="subheading">Redrive policy (dead-letter queue)</h3>
          <DeadLetterQueueFields
            fifo={fifo}
            enabled={settings.deadLetterQueue}
            targetArn={settings.deadLetterTargetArn}
            error={shown.deadLetterTargetArn}
            onChange={(change) => setSettings((s) => ({ ...s, ...change }))}
          />
        </section>
        {DELIVERY_POLICY_PROTOCOLS.has(protocol) && (
          <section className="stack" aria-label="Delivery policy (HTTP/S)">
            <h3 className="subheading">Delivery policy (HTTP/S)</h3>
            <DeliveryPolicyField value={settings.deliveryPolicy} error={shown.deliveryPolicy} onChange={(deliveryPolicy) => setSettings((s) => ({ ...s, deliveryPolicy }))} />
          </section>
        )}
      </div>
    </FormModal>
  );
}
