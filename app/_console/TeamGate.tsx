"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useEffect, type ReactNode } from "react";
import { Alert } from "../_components/Alert";
import { Button } from "../_components/Button";
import { PageHeader } from "../_components/PageHeader";
import { LoadingState } from "../_components/Spinner";
import { errorMessage } from "../_lib/errors";
import { formatAccountId } from "../_lib/format";
import { useTRPC } from "../_trpc/client";
import type { TeamMembership } from "../_trpc/types";
import { useConsole } from "./ConsoleContext";
import { CreateTeamPage } from "./CreateTeamPage";

const CurrentTeamContext = createContext<TeamMembership | null>(null);

/** The team the page works in, with the signed-in user's role there. */
export function useCurrentTeam(): TeamMembership {
  const team = useContext(CurrentTeamContext);
  if (!team) throw new Error("useCurrentTeam must be used inside <TeamGate>");
  return team;
}

/**
 * Renders team pages only for a team the user belongs to: a user without teams creates
 * one first, and an account cookie naming someone else's team gets an error page, not data.
 */
export function TeamGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const { accountId, switchAccount } = useConsole();
  const firstTeam = me.data?.teams[0]?.accountId;

  useEffect(() => {
    if (!accountId && firstTeam) switchAccount(firstTeam);
  }, [accountId, firstTeam, switchAccount]);

  if (me.isPending) return <LoadingState label="Loading your teams" />;
  if (me.isError) return <Alert type="error" title="Couldn't load your teams">{errorMessage(me.error)}</Alert>;

  const { teams } = me.data;
  if (teams.length === 0) return <CreateTeamPage first />;
  if (!accountId) return <LoadingState label="Opening your team" />;
  const team = teams.find((t) => t.accountId === accountId);
  if (!team) return <NoAccess accountId={accountId} teams={teams} onSwitch={switchAccount} />;
  return <CurrentTeamContext.Provider value={team}>{children}</CurrentTeamContext.Provider>;
}

function NoAccess({ accountId, teams, onSwitch }: { accountId: string; teams: TeamMembership[]; onSwitch: (accountId: string) => void }) {
  return (
    <>
      <PageHeader title="Access denied" breadcrumbs={[{ label: "Access denied" }]} />
      <Alert type="error" title={`You don't have access to account ${formatAccountId(accountId)}`}>
        It is not one of your teams, or you are no longer a member. Switch to one of your teams to continue.
      </Alert>
      <ul className="team-choice-list">
        {teams.map((t) => (
          <li key={t.accountId}>
            <Button onClick={() => onSwitch(t.accountId)}>
              Switch to {t.name} ({formatAccountId(t.accountId)})
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
