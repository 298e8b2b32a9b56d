"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { ChoiceSelect } from "../../../../_components/ChoiceSelect";
import { Container } from "../../../../_components/Container";
import { FormField } from "../../../../_components/FormField";
import { PageHeader } from "../../../../_components/PageHeader";
import { TagEditor, validateTags, type TagRow } from "../../../../_components/TagEditor";
import { Tiles } from "../../../../_components/Tiles";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../_trpc/client";
import { ContentDeduplicationField } from "../ContentDeduplicationField";
import { DeliveryPolicyField } from "../DeliveryPolicyField";
import { compactJson, jsonObjectError } from "../json";
import { FIFO_THROUGHPUT_SCOPES, SIGNATURE_VERSIONS, topicNameError, type FifoThroughputScope } from "../topic-settings";

type TopicType = "standard" | "fifo";

interface TopicForm {
  type: TopicType;
  name: string;
  displayName: string;
  contentBasedDeduplication: boolean;
  fifoThroughputScope: FifoThroughputScope;
  deliveryPolicy: string;
  signatureVersion: string;
  tags: TagRow[];
}

const INITIAL: TopicForm = {
  type: "standard",
  name: "",
  displayName: "",
  contentBasedDeduplication: false,
  fifoThroughputScope: "Topic",
  deliveryPolicy: "",
  signatureVersion: "1",
  tags: [],
};

const TYPE_OPTIONS = [
  {
    value: "fifo",
    label: "FIFO (first-in, first-out)",
    description: "Strictly-preserved message ordering, exactly-once message delivery. Subscription protocols: SQS.",
  },
  {
    value: "standard",
    label: "Standard",
    description: "Best-effort message ordering, at-least-once delivery. Subscription protocols: SQS, Lambda, HTTP, HTTPS, email, SMS, mobile push.",
  },
] as const;

function validate(form: TopicForm) {
  const tags = validateTags(form.tags);
  return {
    name: topicNameError(form.name, form.type === "fifo"),
    displayName: form.displayName.length > 100 ? "Display names can be at most 100 characters." : undefined,
    deliveryPolicy: jsonObjectError(form.deliveryPolicy, "delivery policy"),
    tags: Object.keys(tags.rows).length > 0 || tags.list ? tags : undefined,
  };
}

function toAttributes(form: TopicForm): Record<string, string> {
  const fifo = form.type === "fifo";
  return {
    ...(fifo && { FifoTopic: "true" }),
    ...(form.displayName && { DisplayName: form.displayName }),
    ...(fifo && form.contentBasedDeduplication && { ContentBasedDeduplication: "true" }),
    ...(fifo && form.fifoThroughputScope !== "Topic" && { FifoThroughputScope: form.fifoThroughputScope }),
    ...(form.deliveryPolicy.trim() && { DeliveryPolicy: compactJson(form.deliveryPolicy) }),
    ...(form.signatureVersion !== "1" && { SignatureVersion: form.signatureVersion }),
  };
}

export function CreateTopicPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [form, setForm] = useState(INITIAL);
  const fifo = form.type === "fifo";
  const errors = validate(form);
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = <K extends keyof TopicForm>(key: K, value: TopicForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const create = useMutation(
    trpc.sns.createTopic.mutationOptions({
      async onSuccess(_data, variables) {
        await queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        router.push(`/sns/topics/${encodeURIComponent(variables.Name)}?created=1`);
      },
    }),
  );

  function changeType(type: TopicType) {
    setForm((f) => {
      // The .fifo suffix follows the type, as the name rules require.
      let name = f.name;
      if (type === "fifo" && name && !name.endsWith(".fifo")) name = `${name}.fifo`;
      if (type === "standard" && name.endsWith(".fifo")) name = name.slice(0, -5);
      return { ...f, type, name };
    });
  }

  const submit = handleSubmit(() =>
    create.mutate({
      Name: form.name,
      Attributes: toAttributes(form),
      Tags: form.tags.length > 0 ? form.tags.map((t) => ({ Key: t.key.trim(), Value: t.value })) : undefined,
    }),
  );

  return (
    <>
      <PageHeader
        title="Create topic"
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Topics", href: "/sns" }, { label: "Create topic" }]}
        description="A topic is a communication channel: publishers send messages to it, and it delivers them to every subscribed endpoint."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create topics. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={submit} className="form" noValidate aria-label="Create topic">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="Details">
              <Tiles legend="Type" description="You can't change the topic type after you create a topic." name="topic-type" value={form.type} options={TYPE_OPTIONS} onChange={changeType} />
              <div className="form-grid">
                <FormField
                  label="Name"
                  description={
                    fifo
                      ? "Up to 256 characters: alphanumeric characters, hyphens (-) and underscores (_), ending in .fifo. Case-sensitive."
                      : "Up to 256 characters: alphanumeric characters, hyphens (-) and underscores (_). Case-sensitive."
                  }
                  error={shown.name}
                >
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      value={form.name}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={fifo ? "MyTopic.fifo" : "MyTopic"}
                      onChange={(e) => set("name", e.target.value.trim())}
                    />
                  )}
                </FormField>
                <FormField label="Display name - optional" description="Used as the sender of SMS messages and the subject of email notifications without one. Up to 100 characters." error={shown.displayName}>
                  {(control) => <input {...control} className="input" value={form.displayName} autoComplete="off" placeholder="My Topic" onChange={(e) => set("displayName", e.target.value)} />}
                </FormField>
              </div>
              {fifo && (
                <div className="stack">
                  <ContentDeduplicationField checked={form.contentBasedDeduplication} onChange={(checked) => set("contentBasedDeduplication", checked)} />
                  <div className="form-grid">
                    <ChoiceSelect
                      label="FIFO throughput scope"
                      description="Whether the throughput limit and deduplication apply to the whole topic or to each message group."
                      choices={FIFO_THROUGHPUT_SCOPES}
                      value={form.fifoThroughputScope}
                      onChange={(scope) => set("fifoThroughputScope", scope)}
                    />
                  </div>
                </div>
              )}
            </Container>

            <Container
              title="Delivery policy (HTTP/S) - optional"
              description="How SNS retries deliveries to HTTP and HTTPS endpoints that fail: the number of retries, the delays between them and the backoff."
              info="Leave it empty for AWS's default: 3 retries, 20 seconds apart. Subscriptions can set their own policy unless disableSubscriptionOverrides is true."
            >
              <DeliveryPolicyField
                of="topic"
                label="Delivery policy (JSON)"
                description="Optional. A JSON delivery policy with an http object."
                value={form.deliveryPolicy}
                error={shown.deliveryPolicy}
                maxRows={20}
                onChange={(policy) => set("deliveryPolicy", policy)}
              />
            </Container>

            <Container title="Message signing" description="The signature on notifications to HTTP/S, email-JSON and queue endpoints, which receivers verify with the signing certificate.">
              <div className="form-grid">
                <ChoiceSelect
                  label="Signature version"
                  description="The hash algorithm of the signature."
                  choices={SIGNATURE_VERSIONS}
                  value={form.signatureVersion}
                  onChange={(version) => set("signatureVersion", version)}
                />
              </div>
            </Container>

            <Container title="Tags - optional" description="A tag is a label you assign to a topic: a key and an optional value.">
              <TagEditor rows={form.tags} onChange={(tags) => set("tags", tags)} errors={shown.tags} />
            </Container>
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {create.error != null && <Alert type="error" title="Couldn't create the topic">{errorMessage(create.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href="/sns" variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending} disabled={!canChange}>
              Create topic
            </Button>
          </div>
        </form>
      </div>
    </>
  );
}
