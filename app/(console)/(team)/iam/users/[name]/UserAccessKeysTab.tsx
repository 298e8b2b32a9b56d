"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";
import { AccessKeysTable } from "../../../access-keys/AccessKeysTable";
import { NewAccessKeyModal } from "../../../access-keys/NewAccessKeyModal";
import { useRefreshIam } from "../../use-iam";

interface UserAccessKeysTabProps {
  userName: string;
  canChange: boolean;
  gatewayUrl: string;
}

/** The IAM user's access keys: create (the secret shows once), deactivate or activate, delete. */
export function UserAccessKeysTab({ userName, canChange, gatewayUrl }: UserAccessKeysTabProps) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const { region } = useConsole();
  const keys = useQuery(
    trpc.iam.listAccessKeys.queryOptions(
      { UserName: userName },
      { select: (data) => data.AccessKeyMetadata.map((k) => ({ accessKeyId: k.AccessKeyId, status: k.Status, createdAt: k.CreateDate })) },
    ),
  );
  const [showSecret, setShowSecret] = useState(false);
  const create = useMutation(
    trpc.iam.createAccessKey.mutationOptions({
      onSuccess() {
        setShowSecret(true);
        void refresh();
      },
    }),
  );
  const update = useMutation(trpc.iam.updateAccessKey.mutationOptions({ onSettled: () => refresh() }));
  const remove = useMutation(trpc.iam.deleteAccessKey.mutationOptions({ onSuccess: () => refresh() }));

  return (
    <>
      {create.isError && <Alert type="error" title="Couldn't create an access key">{errorMessage(create.error)}</Alert>}
      <AccessKeysTable
        keys={keys}
        description="Up to two keys for the AWS CLI and SDKs; their calls are held to this user's policies."
        actions={
          <Button variant="primary" disabled={!canChange} loading={create.isPending} onClick={() => create.mutate({ UserName: userName })}>
            Create access key
          </Button>
        }
        empty={{ text: "Create a key for a program to call Stratus as this user." }}
        canChange={canChange}
        update={update}
        onSetStatus={(accessKeyId, status) => update.mutate({ UserName: userName, AccessKeyId: accessKeyId, Status: status })}
        remove={remove}
        onDelete={(accessKeyId) => remove.mutateAsync({ UserName: userName, AccessKeyId: accessKeyId })}
      />
      {create.data && (
        <NewAccessKeyModal
          open={showSecret}
          onClose={() => setShowSecret(false)}
          accessKey={{ accessKeyId: create.data.AccessKey.AccessKeyId, secretAccessKey: create.data.AccessKey.SecretAccessKey }}
          gatewayUrl={gatewayUrl}
          region={region}
        />
      )}
    </>
  );
}
