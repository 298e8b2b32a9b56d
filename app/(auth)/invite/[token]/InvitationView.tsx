"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useSession } from "next-auth/react";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink } from "../../../_components/Button";
import { LoadingState } from "../../../_components/Spinner";
import { ACCOUNT_COOKIE, writeCookie } from "../../../_lib/console-cookies";
import { errorMessage } from "../../../_lib/errors";
import { formatAccountId } from "../../../_lib/format";
import { signOutOfConsole } from "../../../_lib/sign-out";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

type Invitation = RouterOutputs["invitation"]["get"];

const CLOSED: Record<Exclude<Invitation["status"], "pending">, string> = {
  accepted: "This invitation has already been accepted.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
  revoked: "This invitation was revoked. Ask the person who invited you for a new one.",
};

export function InvitationView({ token }: { token: string }) {
  const trpc = useTRPC();
  const invitation = useQuery(trpc.invitation.get.queryOptions({ token }));

  if (invitation.isPending) return <LoadingState label="Loading invitation" />;
  if (invitation.isError) {
    return (
      <>
        <h1 className="auth-title">Invitation not found</h1>
        <Alert type="error">{errorMessage(invitation.error)}</Alert>
        <p>
          <Link href="/">Go to the console</Link>
        </p>
      </>
    );
  }

  const inv = invitation.data;
  return (
    <>
      <h1 className="auth-title">Join {inv.teamName}</h1>
      <dl className="details">
        <dt>Team</dt>
        <dd>{inv.teamName}</dd>
        <dt>Account ID</dt>
        <dd>{formatAccountId(inv.accountId)}</dd>
        <dt>Role</dt>
        <dd>{inv.role}</dd>
        <dt>Invited by</dt>
        <dd>{inv.invitedByEmail}</dd>
        <dt>For</dt>
        <dd>{inv.email}</dd>
      </dl>
      {inv.status === "pending" ? (
        <AcceptInvitation token={token} invitation={inv} />
      ) : (
        <>
          <Alert type="info">{CLOSED[inv.status]}</Alert>
          <ButtonLink href="/">Go to the console</ButtonLink>
        </>
      )}
    </>
  );
}

function AcceptInvitation({ token, invitation }: { token: string; invitation: Invitation }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { data: session, status } = useSession();
  const queryClient = useQueryClient();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      async onSuccess({ accountId }) {
        // The console opens in the new team, which a cached team list wouldn't know yet.
        await queryClient.invalidateQueries(trpc.me.get.queryFilter());
        writeCookie(ACCOUNT_COOKIE, accountId);
        router.push("/team");
        router.refresh();
      },
    }),
  );

  if (status === "loading") return <LoadingState label="Checking your session" />;

  if (!session) {
    const back = new URLSearchParams({ callbackUrl: `/invite/${encodeURIComponent(token)}`, email: invitation.email });
    return (
      <div className="stack">
        <p>Sign in or create an account as {invitation.email} to accept.</p>
        <ButtonLink href={`/signup?${back}`} variant="primary">
          Create account
        </ButtonLink>
        <ButtonLink href={`/signin?${back}`}>Sign in</ButtonLink>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>
        Signed in as <strong>{session.user?.email}</strong>.{" "}
        <button type="button" className="link-button" onClick={() => signOutOfConsole(`/invite/${encodeURIComponent(token)}`)}>
          Not you? Sign out
        </button>
      </p>
      {accept.isError && <Alert type="error">{errorMessage(accept.error)}</Alert>}
      <Button variant="primary" className="btn-block" loading={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        Accept invitation
      </Button>
    </div>
  );
}
