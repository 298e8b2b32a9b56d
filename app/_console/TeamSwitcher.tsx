"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Dropdown, MenuOption } from "../_components/Dropdown";
import { formatAccountId } from "../_lib/format";
import { useTRPC } from "../_trpc/client";
import type { TeamMembership } from "../_trpc/types";
import { useConsole } from "./ConsoleContext";

/** What the trigger shows: the current team, or why there is none. */
function switcherName(teams: TeamMembership[] | undefined, accountId: string | null): string {
  if (!teams) return "Team";
  const current = teams.find((t) => t.accountId === accountId);
  if (current) return current.name;
  return teams.length ? "Choose a team" : "No team";
}

export function TeamSwitcher() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.me.get.queryOptions());
  const { accountId, switchAccount } = useConsole();
  const teams = data?.teams ?? [];
  const name = switcherName(data?.teams, accountId);
  const shownId = accountId ? formatAccountId(accountId) : "";

  return (
    <Dropdown
      label={`Team ${name} ${shownId}`.trim()}
      className="team-switcher"
      trigger={
        <span className="topbar-team">
          <span className="topbar-team-name">{name}</span>
          {shownId && <span className="topbar-team-id">{shownId}</span>}
        </span>
      }
    >
      {(close) => (
        <>
          <p className="menu-heading">Switch team</p>
          <ul className="menu-list" aria-label="Your teams">
            {teams.map((t) => (
              <MenuOption
                key={t.accountId}
                label={t.name}
                meta={`${formatAccountId(t.accountId)} · ${t.role}`}
                current={t.accountId === accountId}
                onSelect={() => {
                  if (t.accountId !== accountId) switchAccount(t.accountId);
                  close();
                }}
              />
            ))}
          </ul>
          <div className="menu-footer">
            <Link href="/teams/new" className="menu-link" onClick={close}>
              Create team
            </Link>
            <Link href="/team" className="menu-link" onClick={close}>
              Team & members
            </Link>
          </div>
        </>
      )}
    </Dropdown>
  );
}
