"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../_components/FormField";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { groupErrors, groupForm, groupInput, NEW_GROUP_FORM, type GroupForm } from "../group-form";
import { useRefreshCognito, type Group } from "../use-pool";

interface GroupModalProps {
  poolId: string;
  /** The group to edit; a new one when omitted. */
  group?: Group;
  onClose: () => void;
  onSaved: (groupName: string) => void;
}

/** CreateGroup, or UpdateGroup of everything but the name. */
export function GroupModal({ poolId, group, onClose, onSaved }: GroupModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const [form, setForm] = useState<GroupForm>(group ? groupForm(group) : NEW_GROUP_FORM);
  const [submitted, setSubmitted] = useState(false);
  const set = (change: Partial<GroupForm>) => setForm((f) => ({ ...f, ...change }));
  const errors = groupErrors(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const onSuccess = async () => {
    await refresh();
    onSaved(form.name);
  };
  const create = useMutation(trpc.cognito.createGroup.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.cognito.updateGroup.mutationOptions({ onSuccess }));
  const save = group ? update : create;

  function submit() {
    setSubmitted(true);
    if (!Object.values(errors).some(Boolean)) save.mutate(groupInput(poolId, form));
  }

  return (
    <FormModal title={group ? "Edit group" : "Create group"} submitLabel={group ? "Save changes" : "Create group"} pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Group name" description="It can't be changed later." error={shown.name}>
          {(control) => <input {...control} className="input" autoComplete="off" disabled={group !== undefined} value={form.name} onChange={(e) => set({ name: e.target.value.trim() })} />}
        </FormField>
        <FormField label="Description - optional">
          {(control) => <input {...control} className="input" autoComplete="off" value={form.description} onChange={(e) => set({ description: e.target.value })} />}
        </FormField>
        <FormField
          label="Precedence - optional"
          description="When a user is in several groups with IAM roles, the group with the lowest number gives the preferred role in the ID token."
          error={shown.precedence}
        >
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.precedence} onChange={(e) => set({ precedence: e.target.value.trim() })} />}
        </FormField>
        <FormField label="IAM role ARN - optional" description="Members' ID tokens name it in cognito:roles." error={shown.roleArn}>
          {(control) => <input {...control} className="input code-input" autoComplete="off" spellCheck={false} value={form.roleArn} onChange={(e) => set({ roleArn: e.target.value.trim() })} />}
        </FormField>
      </div>
    </FormModal>
  );
}
