"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { FilterPolicyEditor, useFilterPolicyCheck } from "../../FilterPolicyEditor";
import { DELIVERY_POLICY_PROTOCOLS } from "../../protocols";
import { settingsChanges, settingsFromAttributes, validateSettings } from "../../subscription-settings";
import { DeadLetterQueueFields, RawDeliveryField, SubscriptionDeliveryPolicyField } from "../../SubscriptionSettingsFields";
import { useAttributeSave } from "../../use-attribute-save";

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
  const filterCheck = useFilterPolicyCheck(settings.filter);
  const { shown, saving, error, save } = useAttributeSave({
    errors: validateSettings(settings, protocol, filterCheck),
    changes: () => settingsChanges(attributes, settings, protocol),
    setAttribute: (AttributeName, AttributeValue) => client.sns.setSubscriptionAttributes.mutate({ SubscriptionArn: arn, AttributeName, AttributeValue }),
    refresh: () => queryClient.invalidateQueries(trpc.sns.getSubscriptionAttributes.queryFilter({ SubscriptionArn: arn })),
    onSaved,
  });

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
          <DeadLetterQueueFields fifo={fifo} settings={settings} error={shown.deadLetterTargetArn} onChange={(change) => setSettings((s) => ({ ...s, ...change }))} />
        </section>
        {DELIVERY_POLICY_PROTOCOLS.has(protocol) && (
          <section className="stack" aria-label="Delivery policy (HTTP/S)">
            <h3 className="subheading">Delivery policy (HTTP/S)</h3>
            <SubscriptionDeliveryPolicyField value={settings.deliveryPolicy} error={shown.deliveryPolicy} onChange={(deliveryPolicy) => setSettings((s) => ({ ...s, deliveryPolicy }))} />
          </section>
        )}
      </div>
    </FormModal>
  );
}
