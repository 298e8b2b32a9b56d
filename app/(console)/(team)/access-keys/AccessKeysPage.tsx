"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { AwsCliSnippet } from "../../../_components/AwsCliSnippet";
import { Button } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { PageHeader } from "../../../_components/PageHeader";
import { useConsole } from "../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { errorMessage } from "../../../_lib/errors";
import { formatAccountId } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import { AccessKeysTable } from "./AccessKeysTable";
import { NewAccessKeyModal } from "./NewAccessKeyModal";

export function AccessKeysPage({ gatewayUrl }: { gatewayUrl: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const { region } = useConsole();
  const canCreate = roleAtLeast(team.role, "developer");
  const keys = useQuery(trpc.accessKeys.list.queryOptions());
  const [modalOpen, setModalOpen] = useState(false);

  const create = useMutation(
    trpc.accessKeys.create.mutationOptions({
      onSuccess() {
        setModalOpen(true);
        void queryClient.invalidateQueries(trpc.accessKeys.list.queryFilter());
      },
    }),
  );

  const refresh = () => queryClient.invalidateQueries(trpc.accessKeys.list.queryFilter());
  const update = useMutation(trpc.accessKeys.update.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.accessKeys.delete.mutationOptions({ onSuccess: refresh }));

  const createButton = (label: string) => (
    <Button variant="primary" disabled={!canCreate} loading={create.isPending} onClick={() => create.mutate()}>
      {label}
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Access keys"
        breadcrumbs={[{ label: "Access keys" }]}
        description={
          <>
            Keys for the AWS CLI and SDKs. A key acts as you, with your role in {team.name} ({formatAccountId(team.accountId)}).
          </>
        }
        info="Each key belongs to one team. The secret access key is shown once, when you create the key; Stratus keeps it encrypted and can't show it again. Deactivate a key to stop it working without deleting it."
      />
      <div className="stack-lg">
        {!canCreate && <Alert type="info">Viewers cannot create access keys. Ask an owner or admin for the developer role.</Alert>}
        {create.isError && <Alert type="error" title="Couldn't create an access key">{errorMessage(create.error)}</Alert>}
        <AccessKeysTable
          keys={keys}
          description="Your keys for this team."
          actions={createButton("Create access key")}
          empty={{ text: "Create a key to call Stratus from the AWS CLI or an SDK.", action: createButton("Create your first access key") }}
          update={update}
          onSetStatus={(accessKeyId, status) => update.mutate({ accessKeyId, status })}
          remove={remove}
          onDelete={(accessKeyId) => remove.mutateAsync({ accessKeyId })}
        />
        <Container title="Use your keys" description="Point the AWS CLI and SDKs at Stratus with these settings.">
          <AwsCliSnippet gatewayUrl={gatewayUrl} region={region} />
        </Container>
      </div>
      {create.data && (
        <NewAccessKeyModal
          open={modalOpen}
          onClose={() => setModalOpen(false)}
          accessKey={create.data}
          gatewayUrl={gatewayUrl}
          region={region}
        />
      )}
    </>
  );
}
