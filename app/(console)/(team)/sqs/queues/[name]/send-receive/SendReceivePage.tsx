"use client";

import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../../_components/Alert";
import { ButtonLink } from "../../../../../../_components/Button";
import { PageHeader } from "../../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../../_console/TeamGate";
import { queueHref, useQueue } from "../../../use-queue";
import { ReceiveMessages } from "./ReceiveMessages";
import { SendMessageForm } from "./SendMessageForm";

export function SendReceivePage({ name }: { name: string }) {
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const queue = useQueue(name);

  return (
    <>
      <PageHeader
        title="Send and receive messages"
        breadcrumbs={[
          { label: "SQS", href: "/sqs" },
          { label: "Queues", href: "/sqs" },
          { label: name, href: queueHref(name) },
          { label: "Send and receive messages" },
        ]}
        description={<>Send messages to {name} and receive them, as a producer and a consumer would.</>}
        actions={<ButtonLink href={queueHref(name)}>Queue details</ButtonLink>}
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers cannot send or receive messages: receiving changes a message&apos;s visibility. Ask an owner or admin for the developer role.</Alert>}
        <QueryResult query={queue} loadingLabel="Loading queue">
          {(loaded) => (
            <>
              <SendMessageForm queue={loaded} canSend={canChange} />
              <ReceiveMessages queue={loaded} canReceive={canChange} />
            </>
          )}
        </QueryResult>
      </div>
    </>
  );
}
