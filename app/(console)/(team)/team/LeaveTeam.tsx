"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../../../_components/Button";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useConsole } from "../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { useTRPC } from "../../../_trpc/client";

export function LeaveTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const { switchAccount } = useConsole();
  const me = useQuery(trpc.me.get.queryOptions());
  const [confirming, setConfirming] = useState(false);

  const leave = useMutation(
    trpc.team.leave.mutationOptions({
      onSuccess() {
        // Drop the team from the cached list first, so nothing reopens it while we move on.
        const remaining = me.data?.teams.filter((t) => t.accountId !== team.accountId) ?? [];
        queryClient.setQueryData(trpc.me.get.queryKey(), (data) => data && { ...data, teams: remaining });
        switchAccount(remaining[0]?.accountId ?? null);
        router.push("/");
        void queryClient.invalidateQueries(trpc.me.get.queryFilter());
      },
    }),
  );

  return (
    <>
      <Button onClick={() => setConfirming(true)}>Leave team</Button>
      <ConfirmDialog
        open={confirming}
        title="Leave team"
        confirmLabel="Leave team"
        action={leave}
        onClose={() => setConfirming(false)}
        onConfirm={() => leave.mutate()}
      >
        <p>
          Leave <strong>{team.name}</strong>? You lose access to its resources and your access keys for it stop working. A team must keep at
          least one owner.
        </p>
      </ConfirmDialog>
    </>
  );
}
