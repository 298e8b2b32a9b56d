"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { PageHeader } from "../../../../../_components/PageHeader";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { errorMessage } from "../../../../../_lib/errors";
import { useFormSubmit } from "../../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../../_trpc/client";
import { FilterPolicyEditor, useFilterPolicyCheck } from "../../FilterPolicyEditor";
import { subscriptionHref, topicArn, topicHref, topicNameFromArn } from "../../links";
import { DELIVERY_POLICY_PROTOCOLS, ENDPOINT_HELP, endpointError, needsConfirmation, PROTOCOL_LABELS, PROTOCOLS, type Protocol } from "../../protocols";
import { DEFAULT_SETTINGS, settingsToAttributes, validateSettings, type SubscriptionSettings } from "../../subscription-settings";
import { DeadLetterQueueFields, RawDeliveryField, SubscriptionDeliveryPolicyField } from "../../SubscriptionSettingsFields";

export function CreateSubscriptionPage({ topicName }: { topicName?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const { region } = useConsole();
  const canChange = roleAtLeast(team.role, "developer");
  const topics = useQuery(trpc.sns.listTopicSummaries.queryOptions());
  const [topic, setTopic] = useState(topicName ? topicArn(region, team.accountId, topicName) : "");
  const [protocol, setProtocol] = useState<Protocol | "">("");
  const [endpoint, setEndpoint] = useState("");
  const [settings, setSettings] = useState<SubscriptionSettings>(DEFAULT_SETTINGS);
  const suggestionsId = useId();

  const selectedTopic = topics.data?.find((t) => t.arn === topic);
  const fifo = selectedTopic?.fifo ?? topic.endsWith(".fifo");
  // FIFO topics deliver to FIFO queues only.
  const protocols = fifo ? (["sqs"] as const) : PROTOCOLS;
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions(undefined, { enabled: protocol === "sqs" }));
  const functions = useQuery(trpc.lambda.listFunctionSummaries.queryOptions(undefined, { enabled: protocol === "lambda" }));
  const suggestions =
    protocol === "sqs"
      ? (queues.data ?? []).filter((q) => (q.type === "FIFO") === fifo).map((q) => q.arn)
      : protocol === "lambda"
        ? [...new Set((functions.data ?? []).map((f) => f.FunctionArn))]
        : [];

  const filterCheck = useFilterPolicyCheck(settings.filter);
  const settingErrors = validateSettings(settings, protocol, filterCheck);
  const errors = {
    topic: topic ? undefined : "Choose a topic.",
    protocol: protocol ? undefined : "Choose a protocol.",
    endpoint: protocol ? endpointError(protocol, endpoint) : undefined,
    ...settingErrors,
  };
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  // The filter policy's own check shows as it is typed; the rest once the user tries to create.
  const shown: Partial<typeof errors> = submitted ? errors : { filter: settingErrors.filter };

  const subscribe = useMutation(
    trpc.sns.subscribe.mutationOptions({
      async onSuccess(data) {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter()),
        ]);
        router.push(subscriptionHref(data.SubscriptionArn, true));
      },
    }),
  );

  const submit = handleSubmit(() => {
    // A form without a protocol is invalid and never gets here; the check gives `protocol` its type.
    if (!protocol) return;
    subscribe.mutate({
      TopicArn: topic,
      Protocol: protocol,
      Endpoint: endpoint.trim(),
      Attributes: settingsToAttributes(settings, protocol),
      ReturnSubscriptionArn: true,
    });
  });

  const help = protocol ? ENDPOINT_HELP[protocol] : null;
  const cancelHref = topicName ? topicHref(topicName) : "/sns/subscriptions";

  return (
    <>
      <PageHeader
        title="Create subscription"
        breadcrumbs={[
          { label: "SNS", href: "/sns" },
          ...(topicName ? [{ label: "Topics", href: "/sns" }, { label: topicName, href: topicHref(topicName) }] : [{ label: "Subscriptions", href: "/sns/subscriptions" }]),
          { label: "Create subscription" },
        ]}
        description="A subscription delivers the topic's messages to one endpoint: a queue, a function, a URL, an email address or a phone number."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create subscriptions. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={submit} className="form" noValidate aria-label="Create subscription">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="Details">
              <div className="form-grid">
                <FormField label="Topic ARN" description="The topic to subscribe to." error={shown.topic}>
                  {(control) => (
                    <select
                      {...control}
                      className="select"
                      value={topic}
                      onChange={(e) => {
                        setTopic(e.target.value);
                        if (e.target.value.endsWith(".fifo") && protocol && protocol !== "sqs") setProtocol("");
                      }}
                    >
                      <option value="">Choose a topic</option>
                      {topic && !topics.data?.some((t) => t.arn === topic) && <option value={topic}>{topic}</option>}
                      {(topics.data ?? []).map((t) => (
                        <option key={t.arn} value={t.arn}>
                          {t.arn}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
                <FormField label="Protocol" description={fifo ? "FIFO topics deliver to FIFO SQS queues." : "The type of endpoint to subscribe."} error={shown.protocol}>
                  {(control) => (
                    <select {...control} className="select" value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol | "")}>
                      <option value="">Choose a protocol</option>
                      {protocols.map((p) => (
                        <option key={p} value={p}>
                          {PROTOCOL_LABELS[p]}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
              </div>
              {selectedTopic === undefined && topic && topics.isSuccess && (
                <Alert type="warning">Topic {topicNameFromArn(topic)} doesn&apos;t exist in this region. Choose another topic.</Alert>
              )}
              {help && (
                <FormField label={help.label} description={help.description} error={shown.endpoint}>
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      value={endpoint}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={help.placeholder}
                      list={suggestions.length > 0 ? suggestionsId : undefined}
                      onChange={(e) => setEndpoint(e.target.value)}
                    />
                  )}
                </FormField>
              )}
              {suggestions.length > 0 && (
                <datalist id={suggestionsId}>
                  {suggestions.map((arn) => (
                    <option key={arn} value={arn} />
                  ))}
                </datalist>
              )}
              {protocol && endpoint && !endpointError(protocol, endpoint) && needsConfirmation(protocol, endpoint.trim(), team.accountId) && (
                <Alert type="info">
                  {protocol === "email" || protocol === "email-json"
                    ? "The subscription stays pending until the address confirms it: the confirmation message lands in the SNS outbox, with the link to follow."
                    : "The subscription stays pending until the endpoint confirms it by visiting the SubscribeURL it receives."}
                </Alert>
              )}
              {protocol && <RawDeliveryField protocol={protocol} checked={settings.raw} onChange={(raw) => setSettings((s) => ({ ...s, raw }))} />}
            </Container>

            <Container
              title="Subscription filter policy - optional"
              description="By default the subscription receives every message published to the topic. A filter policy lets it receive only the messages it is interested in."
            >
              <FilterPolicyEditor value={settings.filter} onChange={(filter) => setSettings((s) => ({ ...s, filter }))} check={filterCheck} />
            </Container>

            <Container title="Redrive policy (dead-letter queue) - optional" description="Undeliverable messages go to a dead-letter queue, where they can be looked at or sent again.">
              <DeadLetterQueueFields fifo={fifo} settings={settings} error={shown.deadLetterTargetArn} onChange={(change) => setSettings((s) => ({ ...s, ...change }))} />
            </Container>

            {protocol && DELIVERY_POLICY_PROTOCOLS.has(protocol) && (
              <Container title="Delivery policy (HTTP/S) - optional" description="How SNS retries deliveries to this endpoint that fail.">
                <SubscriptionDeliveryPolicyField value={settings.deliveryPolicy} error={shown.deliveryPolicy} onChange={(deliveryPolicy) => setSettings((s) => ({ ...s, deliveryPolicy }))} />
              </Container>
            )}
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {subscribe.error != null && <Alert type="error" title="Couldn't create the subscription">{errorMessage(subscribe.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href={cancelHref} variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={subscribe.isPending} disabled={!canChange}>
              Create subscription
            </Button>
          </div>
        </form>
      </div>
    </>
  );
}
