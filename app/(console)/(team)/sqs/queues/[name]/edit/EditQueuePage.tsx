"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../../_components/Alert";
import { PageHeader } from "../../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../../_console/TeamGate";
import { useTRPC } from "../../../../../../_trpc/client";
import { QueueForm } from "../../../QueueForm";
import { formFromAttributes, formToAttributes } from "../../../queue-settings";
import { queueHref, useQueue } from "../../../use-queue";

export function EditQueuePage({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  // Not live: a refresh must not reset what the user is typing.
  const queue = useQueue(name, { live: false });

  const save = useMutation(
    trpc.sqs.setQueueAttributes.mutationOptions({
      async onSuccess() {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sqs.getQueueAttributes.queryFilter()),
          queryClient.invalidateQueries(trpc.sqs.listQueueSummaries.queryFilter()),
          queryClient.invalidateQueries(trpc.sqs.listDeadLetterSourceQueues.queryFilter()),
        ]);
        router.push(queueHref(name));
      },
    }),
  );

  return (
    <>
      <PageHeader
        title={`Edit ${name}`}
        breadcrumbs={[{ label: "SQS", href: "/sqs" }, { label: "Queues", href: "/sqs" }, { label: name, href: queueHref(name) }, { label: "Edit" }]}
        description="Changes apply to the queue at once. Messages already in the queue keep their delay and retention."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot change queues. Ask an owner or admin for the developer role.</Alert>}
        <QueryResult query={queue} loadingLabel="Loading queue">
          {(loaded) => (
            <QueueForm
              mode="edit"
              initial={formFromAttributes(name, loaded.attributes)}
              selfArn={loaded.attributes.QueueArn}
              submitLabel="Save"
              pending={save.isPending}
              error={save.error}
              canChange={canChange}
              cancelHref={queueHref(name)}
              onSubmit={(form) => save.mutate({ QueueUrl: loaded.url, Attributes: formToAttributes(form, "edit") })}
            />
          )}
        </QueryResult>
      </div>
    </>
  );
}
