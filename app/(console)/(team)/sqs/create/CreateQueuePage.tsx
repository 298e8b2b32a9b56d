"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { PageHeader } from "../../../../_components/PageHeader";
import { tagsToRecord } from "../../../../_components/TagEditor";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { useTRPC } from "../../../../_trpc/client";
import { QueueForm } from "../QueueForm";
import { defaultForm, formToAttributes } from "../queue-settings";
import { queueHref } from "../use-queue";

export function CreateQueuePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [initial] = useState(defaultForm);

  const create = useMutation(
    trpc.sqs.createQueue.mutationOptions({
      async onSuccess(_data, variables) {
        await queryClient.invalidateQueries(trpc.sqs.listQueueSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        router.push(`${queueHref(variables.QueueName)}?created=1`);
      },
    }),
  );

  return (
    <>
      <PageHeader
        title="Create queue"
        breadcrumbs={[{ label: "SQS", href: "/sqs" }, { label: "Queues", href: "/sqs" }, { label: "Create queue" }]}
        description="A queue holds messages between the services that send them and the ones that process them."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot create queues. Ask an owner or admin for the developer role.</Alert>}
        <QueueForm
          mode="create"
          initial={initial}
          submitLabel="Create queue"
          pending={create.isPending}
          error={create.error}
          canChange={canChange}
          cancelHref="/sqs"
          onSubmit={(form) =>
            create.mutate({
              QueueName: form.name,
              Attributes: formToAttributes(form, "create"),
              tags: form.tags.length > 0 ? tagsToRecord(form.tags) : undefined,
            })
          }
        />
      </div>
    </>
  );
}
