"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Container } from "../../../../../_components/Container";
import { PageHeader } from "../../../../../_components/PageHeader";
import { useTRPC } from "../../../../../_trpc/client";
import { CreateForm, DescriptionField, NameField } from "../../CreateForm";
import { PERMISSIONS_TEMPLATE } from "../../documents";
import { descriptionError, documentError, nameError } from "../../iam-rules";
import { POLICIES_HREF, policyHref } from "../../links";
import { PolicyDocumentField } from "../../PolicyDocumentField";
import { DOCUMENT_ERRORS, serverFieldErrors } from "../../server-errors";
import { useCheckedForm } from "../../use-checked-form";
import { useRefreshIam } from "../../use-iam";

interface PolicyForm {
  document: string;
  name: string;
  description: string;
}

const INITIAL: PolicyForm = { document: PERMISSIONS_TEMPLATE, name: "", description: "" };

function validate(form: PolicyForm) {
  return { document: documentError(form.document), name: nameError(form.name, "Policy", 128), description: descriptionError(form.description) };
}

export function CreatePolicyPage() {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const router = useRouter();
  const { form, set, shown, invalid, submitted, handleSubmit } = useCheckedForm(INITIAL, validate);
  const create = useMutation(
    trpc.iam.createPolicy.mutationOptions({
      async onSuccess({ Policy }) {
        await refresh();
        router.push(`${policyHref(Policy.Arn)}?created=1`);
      },
    }),
  );
  const server = serverFieldErrors(create.error, { PolicyName: ["EntityAlreadyExistsException"], Description: [], PolicyDocument: DOCUMENT_ERRORS });

  return (
    <>
      <PageHeader
        title="Create policy"
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Policies", href: POLICIES_HREF }, { label: "Create policy" }]}
        description="A customer managed policy: permissions you write once and attach to any number of roles and users."
      />
      <CreateForm
        resource="policy"
        cancelHref={POLICIES_HREF}
        pending={create.isPending}
        invalid={submitted && invalid}
        serverError={server.other}
        onSubmit={handleSubmit(() => create.mutate({ PolicyName: form.name, Description: form.description || undefined, PolicyDocument: form.document }))}
      >
        <Container title="Policy editor" description="What the policy allows or denies: each statement's Effect, Action and Resource.">
          <PolicyDocumentField
            label="Policy document"
            value={form.document}
            onChange={(document) => set("document", document)}
            error={shown.document ?? server.field("PolicyDocument")}
          />
        </Container>
        <Container title="Policy details">
          <div className="form-grid">
            <NameField label="Policy name" max={128} value={form.name} onChange={(name) => set("name", name)} error={shown.name ?? server.field("PolicyName")} placeholder="queue-writer" />
            <DescriptionField value={form.description} onChange={(description) => set("description", description)} error={shown.description ?? server.field("Description")} />
          </div>
        </Container>
      </CreateForm>
    </>
  );
}
