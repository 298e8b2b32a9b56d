"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "../_components/Alert";
import { Button } from "../_components/Button";
import { Container } from "../_components/Container";
import { FormField } from "../_components/FormField";
import { PageHeader } from "../_components/PageHeader";
import { errorMessage } from "../_lib/errors";
import { useTRPC } from "../_trpc/client";
import { useConsole } from "./ConsoleContext";

/** The create-team page; `first` greets a user who has no team yet. */
export function CreateTeamPage({ first = false }: { first?: boolean }) {
  return (
    <>
      <PageHeader
        title={first ? "Create your first team" : "Create team"}
        breadcrumbs={[{ label: "Create team" }]}
        description="A team is an AWS-style account with its own 12-digit account ID. You become its owner and can invite others to it."
      />
      <CreateTeamForm />
    </>
  );
}

/** Creates a team, makes it the current one and opens its home page. */
function CreateTeamForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { switchAccount } = useConsole();
  const [name, setName] = useState("");

  const create = useMutation(
    trpc.team.create.mutationOptions({
      async onSuccess({ accountId }) {
        // The team list must know the new team before it becomes current.
        await queryClient.invalidateQueries(trpc.me.get.queryFilter());
        switchAccount(accountId);
        router.push("/");
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim() });
  }

  return (
    <form onSubmit={submit} className="form">
      <Container title="Team details">
        <FormField label="Team name" description="Shown in the team switcher. You can have several teams, each with its own account ID.">
          {(control) => (
            <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} autoComplete="organization" />
          )}
        </FormField>
        {create.isError && <Alert type="error">{errorMessage(create.error)}</Alert>}
      </Container>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create team
        </Button>
      </div>
    </form>
  );
}
