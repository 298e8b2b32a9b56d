"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../../_components/ConfirmDialog";
import { FormField } from "../../../../../../_components/FormField";
import { FormModal } from "../../../../../../_components/FormModal";
import { useTRPC, useTRPCClient } from "../../../../../../_trpc/client";
import { Checkbox } from "../../../Checkbox";
import { useRefreshCognito, type UserDetail } from "../../../use-pool";

type Client = ReturnType<typeof useTRPCClient>;
type UserRef = { UserPoolId: string; Username: string };

/** What an administrator does to a user, each confirmed first, as the AWS console asks. */
type Action = "confirm" | "enable" | "disable" | "reset" | "signOut";

const ACTIONS: Record<Action, { label: string; confirmLabel: string; warning: string; done: string; call: (client: Client, user: UserRef) => Promise<unknown> }> = {
  confirm: {
    label: "Confirm account",
    confirmLabel: "Confirm",
    warning: "The user can sign in without entering the code Cognito sent them.",
    done: "The account was confirmed.",
    call: (c, user) => c.cognito.adminConfirmSignUp.mutate(user),
  },
  enable: {
    label: "Enable user access",
    confirmLabel: "Enable",
    warning: "The user can sign in again.",
    done: "User access was enabled.",
    call: (c, user) => c.cognito.adminEnableUser.mutate(user),
  },
  disable: {
    label: "Disable user access",
    confirmLabel: "Disable",
    warning: "The user can no longer sign in or refresh their tokens until access is enabled again.",
    done: "User access was disabled.",
    call: (c, user) => c.cognito.adminDisableUser.mutate(user),
  },
  reset: {
    label: "Reset password",
    confirmLabel: "Reset",
    warning: "The user must choose a new password with a code Cognito sends them (see Messages sent to users) before they can sign in.",
    done: "The password was reset; a code was sent to the user.",
    call: (c, user) => c.cognito.adminResetUserPassword.mutate(user),
  },
  signOut: {
    label: "Sign out of all sessions",
    confirmLabel: "Sign out",
    warning: "The user's refresh tokens stop working, and their access tokens are refused by Cognito. They must sign in again.",
    done: "The user was signed out of all sessions.",
    call: (c, user) => c.cognito.adminUserGlobalSignOut.mutate(user),
  },
};

interface UserActionsProps {
  poolId: string;
  user: UserDetail;
  canChange: boolean;
  onDone: (message: string) => void;
}

/** The buttons of a user's page that change their state or password, with their dialogs. */
export function UserActions({ poolId, user, canChange, onDone }: UserActionsProps) {
  const client = useTRPCClient();
  const refresh = useRefreshCognito();
  const [open, setOpen] = useState<Action | "password" | null>(null);
  const target = { UserPoolId: poolId, Username: user.Username };
  const run = useMutation({
    mutationFn: (action: Action) => ACTIONS[action].call(client, target),
    async onSuccess(_result, action) {
      await refresh();
      setOpen(null);
      onDone(ACTIONS[action].done);
    },
  });
  const shown: Action[] = [...(user.UserStatus === "UNCONFIRMED" ? (["confirm"] as const) : []), user.Enabled ? "disable" : "enable", "reset", "signOut"];
  const action = open === "password" ? null : open;

  return (
    <>
      {shown.map((a) => (
        <Button key={a} disabled={!canChange} onClick={() => setOpen(a)}>
          {ACTIONS[a].label}
        </Button>
      ))}
      <Button disabled={!canChange} onClick={() => setOpen("password")}>
        Set password
      </Button>
      <ConfirmDialog
        open={action !== null}
        title={action ? ACTIONS[action].label : ""}
        confirmLabel={action ? ACTIONS[action].confirmLabel : ""}
        action={run}
        onClose={() => setOpen(null)}
        onConfirm={() => action && run.mutate(action)}
      >
        <p>
          <strong>{user.Username}</strong>: {action && ACTIONS[action].warning}
        </p>
      </ConfirmDialog>
      {open === "password" && (
        <SetPasswordModal
          target={target}
          onClose={() => setOpen(null)}
          onSet={(permanent) => {
            setOpen(null);
            onDone(permanent ? "The password was set. The user is confirmed and signs in with it." : "A temporary password was set. The user must change it when they sign in.");
          }}
        />
      )}
    </>
  );
}

/** AdminSetUserPassword: permanent (the user is confirmed) or temporary (they must change it). */
function SetPasswordModal({ target, onClose, onSet }: { target: UserRef; onClose: () => void; onSet: (permanent: boolean) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const [password, setPassword] = useState("");
  const [permanent, setPermanent] = useState(true);
  const [checked, setChecked] = useState(false);
  const error = password ? undefined : "Enter a password.";
  const set = useMutation(
    trpc.cognito.adminSetUserPassword.mutationOptions({
      async onSuccess() {
        await refresh();
        onSet(permanent);
      },
    }),
  );
  return (
    <FormModal
      title="Set password"
      submitLabel="Set password"
      pending={set.isPending}
      error={set.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!error) set.mutate({ ...target, Password: password, Permanent: permanent });
      }}
    >
      <div className="stack">
        <FormField label="Password" description="It must meet the pool's password policy." error={checked ? error : undefined}>
          {(control) => <input {...control} className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </FormField>
        <Checkbox checked={permanent} onChange={setPermanent}>
          Permanent password: the user keeps it and is confirmed; otherwise they must change it when they sign in
        </Checkbox>
      </div>
    </FormModal>
  );
}
