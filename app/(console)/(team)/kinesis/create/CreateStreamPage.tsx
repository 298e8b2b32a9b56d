"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { LIMITS } from "~/server/services/kinesis/limits";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { FormField } from "../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { PageHeader } from "../../../../_components/PageHeader";
import { TagEditor, tagsToRecord, validateTags, type TagRow } from "../../../../_components/TagEditor";
import { Tiles } from "../../../../_components/Tiles";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../_trpc/client";
import { streamHref } from "../links";
import { capacityOf, MODE_OPTIONS, nameError, shardCountError, type StreamMode } from "../stream-settings";
import { useRefreshStreams } from "../use-stream";

interface StreamForm {
  name: string;
  mode: StreamMode;
  shards: string;
  tags: TagRow[];
}

const INITIAL: StreamForm = { name: "", mode: "ON_DEMAND", shards: "1", tags: [] };

export function CreateStreamPage() {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const limits = useQuery(trpc.kinesis.describeLimits.queryOptions({}));
  const [form, setForm] = useState(INITIAL);
  const set = <K extends keyof StreamForm>(key: K, value: StreamForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const provisioned = form.mode === "PROVISIONED";
  const tagErrors = validateTags(form.tags);
  const errors = {
    name: nameError(form.name, "Stream"),
    shards: provisioned ? shardCountError(form.shards, 1, LIMITS.shardLimit) : undefined,
    tags: Object.keys(tagErrors.rows).length > 0 || tagErrors.list ? tagErrors : undefined,
  };
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const shardCount = provisioned ? Number(form.shards) || 0 : LIMITS.onDemandShardCount;
  const capacity = capacityOf(form.mode, shardCount);

  const create = useMutation(
    trpc.kinesis.createStream.mutationOptions({
      async onSuccess(_data, variables) {
        await refresh();
        router.push(`${streamHref(variables.StreamName)}?created=1`);
      },
    }),
  );

  const submit = handleSubmit(() =>
    create.mutate({
      StreamName: form.name,
      StreamModeDetails: { StreamMode: form.mode },
      ShardCount: provisioned ? Number(form.shards) : undefined,
      Tags: form.tags.length > 0 ? tagsToRecord(form.tags) : undefined,
    }),
  );

  return (
    <>
      <PageHeader
        title="Create data stream"
        breadcrumbs={[{ label: "Kinesis", href: "/kinesis" }, { label: "Data streams", href: "/kinesis" }, { label: "Create data stream" }]}
        description="A data stream takes in records from producers and keeps them, in order per shard, for consumers to read."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create data streams. Ask an owner or admin for the developer role.</Alert>}
        <form onSubmit={submit} className="form" noValidate aria-label="Create data stream">
          <fieldset disabled={!canChange} className="stack-lg">
            <Container title="Data stream configuration">
              <div className="form-grid">
                <FormField
                  label="Data stream name"
                  description="Up to 128 characters: letters, digits, hyphens (-), underscores (_) and periods (.). Case-sensitive."
                  error={shown.name}
                >
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      value={form.name}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="MyDataStream"
                      onChange={(e) => set("name", e.target.value.trim())}
                    />
                  )}
                </FormField>
              </div>
            </Container>

            <Container title="Data stream capacity" description="How the stream's throughput is set: by Stratus (on-demand) or by the number of shards you choose (provisioned).">
              <Tiles legend="Capacity mode" name="capacity-mode" value={form.mode} options={MODE_OPTIONS} onChange={(mode) => set("mode", mode)} />
              {provisioned && (
                <div className="form-grid">
                  <FormField label="Provisioned shards" constraint={`From 1 to ${LIMITS.shardLimit} shards.`} error={shown.shards}>
                    {(control) => <input {...control} className="input" inputMode="numeric" value={form.shards} onChange={(e) => set("shards", e.target.value.trim())} />}
                  </FormField>
                </div>
              )}
              <KeyValueGrid label="Total data stream capacity">
                <KeyValue label="Write capacity">{capacity.write}</KeyValue>
                <KeyValue label="Read capacity">{capacity.read}</KeyValue>
                <KeyValue label="Open shards in this account and region">
                  {limits.data ? `${limits.data.OpenShardCount} of ${limits.data.ShardLimit}` : "–"}
                </KeyValue>
              </KeyValueGrid>
            </Container>

            <Container title="Tags - optional" description="A tag is a label you assign to a data stream: a key and an optional value.">
              <TagEditor rows={form.tags} onChange={(tags) => set("tags", tags)} errors={shown.tags} />
            </Container>
          </fieldset>

          {submitted && invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
          {create.error != null && <Alert type="error" title="Couldn't create the data stream">{errorMessage(create.error)}</Alert>}
          <div className="form-actions">
            <ButtonLink href="/kinesis" variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending} disabled={!canChange}>
              Create data stream
            </Button>
          </div>
        </form>
      </div>
    </>
  );
}
