"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { NameField, PathField } from "../CreateForm";
import { nameError, pathError } from "../iam-rules";
import { userHref } from "../links";
import { serverFieldErrors } from "../server-errors";
import { useRefreshIam } from "../use-iam";

/** CreateUser: a name and a path; keys and permissions are added on the user's page it opens. */
export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const router = useRouter();
  const [name, setName] = useState("");
  const [path, setPath] = useState("/");
  const [submitted, setSubmitted] = useState(false);
  const errors = { name: nameError(name, "User", 64), path: pathError(path) };
  const create = useMutation(
    trpc.iam.createUser.mutationOptions({
      async onSuccess({ User }) {
        await refresh();
        router.push(userHref(User.UserName));
      },
    }),
  );
  const server = serverFieldErrors(create.error, { UserName: ["EntityAlreadyExistsException"], Path: [] });

  function submit() {
    setSubmitted(true);
    if (!errors.name && !errors.path) create.mutate({ UserName: name, Path: path });
  }

  return (
    <FormModal title="Create user" submitLabel="Create user" pending={create.isPending} error={server.other === undefined ? null : create.error} onSubmit={submit} onClose={onClose}>
      <p className="form-description">An IAM user is an identity for a program, with long-term access keys. People sign in to the console as team members instead.</p>
      <NameField label="User name" max={64} value={name} onChange={setName} error={(submitted ? errors.name : undefined) ?? server.field("UserName")} />
      <PathField example="/ci/" value={path} onChange={setPath} error={(submitted ? errors.path : undefined) ?? server.field("Path")} />
    </FormModal>
  );
}
