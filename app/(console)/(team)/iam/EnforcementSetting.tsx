"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Container } from "../../../_components/Container";
import { QueryResult } from "../../../_components/QueryResult";
import { Spinner } from "../../../_components/Spinner";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { errorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import "./iam.css";

type Enforcement = RouterOutputs["team"]["get"]["iamEnforcement"];

const MODES: readonly { mode: Enforcement; label: string; meaning: string }[] = [
  {
    mode: "strict",
    label: "Strict",
    meaning: "As on AWS: role sessions and IAM users may do only what their policies allow, and only roles that exist and trust the caller can be assumed.",
  },
  {
    mode: "permissive",
    label: "Permissive",
    meaning: "The local-emulator convention: sessions of roles that were never created are allowed and act with full access, for code written against made-up role ARNs.",
  },
];

/** The team's IAM enforcement mode, which owners and admins switch between strict and permissive. */
export function EnforcementSetting() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "admin");
  const enforcement = useQuery(trpc.team.get.queryOptions(undefined, { select: (data) => data.iamEnforcement }));
  const change = useMutation(
    trpc.iam.setEnforcement.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.team.get.queryFilter()),
    }),
  );

  return (
    <Container
      title="IAM enforcement"
      description="How strictly this team's IAM policies are enforced on calls through the gateway. Console members always act with their team role."
    >
      <QueryResult query={enforcement} loadingLabel="Loading the enforcement mode">
        {(mode) => (
          <div className="stack">
            <div className="iam-enforcement-current">
              <label className="iam-switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={mode === "strict"}
                  disabled={!canChange || change.isPending}
                  onChange={(e) => change.mutate({ mode: e.target.checked ? "strict" : "permissive" })}
                />
                <span className="iam-switch-track" aria-hidden="true" />
                <span>Strict enforcement</span>
              </label>
              {change.isPending && <Spinner />}
              <p className="iam-enforcement-mode" role="status">
                {MODES.find((m) => m.mode === mode)?.label}
              </p>
            </div>
            <dl className="iam-enforcement-modes">
              {MODES.map((m) => (
                <div key={m.mode} data-current={m.mode === mode}>
                  <dt>{m.label}</dt>
                  <dd>{m.meaning}</dd>
                </div>
              ))}
            </dl>
            {!canChange && <Alert type="info">Only owners and admins can change the enforcement mode.</Alert>}
            {change.isError && <Alert type="error" title="Couldn't change the enforcement mode">{errorMessage(change.error)}</Alert>}
          </div>
        )}
      </QueryResult>
    </Container>
  );
}
