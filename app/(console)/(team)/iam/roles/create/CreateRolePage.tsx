"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { Container } from "../../../../../_components/Container";
import { PageHeader } from "../../../../../_components/PageHeader";
import { TagEditor, validateTags, type TagRow } from "../../../../../_components/TagEditor";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { useTRPC } from "../../../../../_trpc/client";
import { CreateForm, DescriptionField, NameField, PathField } from "../../CreateForm";
import { trustPolicyFor } from "../../documents";
import { descriptionError, documentError, nameError, pathError } from "../../iam-rules";
import { ROLES_HREF, roleHref } from "../../links";
import { PolicyDocumentField } from "../../PolicyDocumentField";
import { DOCUMENT_ERRORS, serverFieldErrors } from "../../server-errors";
import { useCheckedForm } from "../../use-checked-form";
import { useRefreshIam } from "../../use-iam";
import { INITIAL_TRUST, otherAccountError, TrustedEntityPicker, trustedEntityOf, webIdentityError, type TrustChoice } from "./TrustedEntityPicker";

interface RoleForm {
  trust: TrustChoice;
  trustPolicy: string;
  name: string;
  path: string;
  description: string;
  maxSessionDuration: string;
  tags: TagRow[];
}

const SESSION_DURATIONS = [
  { value: "3600", label: "1 hour (default)" },
  { value: "7200", label: "2 hours" },
  { value: "14400", label: "4 hours" },
  { value: "21600", label: "6 hours" },
  { value: "28800", label: "8 hours" },
  { value: "43200", label: "12 hours" },
] as const;

const INITIAL: RoleForm = {
  trust: INITIAL_TRUST,
  trustPolicy: trustPolicyFor({ kind: "service", service: INITIAL_TRUST.service }),
  name: "",
  path: "/",
  description: "",
  maxSessionDuration: "3600",
  tags: [],
};

function validate(form: RoleForm) {
  const tags = validateTags(form.tags);
  return {
    accountId: otherAccountError(form.trust),
    webIdentity: webIdentityError(form.trust),
    trustPolicy: documentError(form.trustPolicy),
    name: nameError(form.name, "Role", 64),
    path: pathError(form.path),
    description: descriptionError(form.description),
    tags: Object.keys(tags.rows).length > 0 || tags.list ? tags : undefined,
  };
}

export function CreateRolePage() {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const router = useRouter();
  const team = useCurrentTeam();
  const { form, setForm, set, shown, invalid, submitted, handleSubmit } = useCheckedForm(INITIAL, validate);
  const create = useMutation(
    trpc.iam.createRole.mutationOptions({
      async onSuccess({ Role }) {
        await refresh();
        router.push(`${roleHref(Role.RoleName)}?created=1`);
      },
    }),
  );
  const server = serverFieldErrors(create.error, {
    RoleName: ["EntityAlreadyExistsException"],
    Path: [],
    Description: [],
    MaxSessionDuration: [],
    AssumeRolePolicyDocument: DOCUMENT_ERRORS,
    Tags: [],
  });

  function changeTrust(trust: TrustChoice) {
    const entity = trustedEntityOf(trust, team.accountId);
    // A picked entity writes its policy; a custom policy keeps what is in the editor.
    setForm((f) => ({ ...f, trust, trustPolicy: entity ? trustPolicyFor(entity) : f.trustPolicy }));
  }

  const submit = handleSubmit(() =>
    create.mutate({
      RoleName: form.name,
      AssumeRolePolicyDocument: form.trustPolicy,
      Path: form.path,
      Description: form.description || undefined,
      MaxSessionDuration: Number(form.maxSessionDuration),
      Tags: form.tags.length > 0 ? form.tags.map((t) => ({ Key: t.key.trim(), Value: t.value })) : undefined,
    }),
  );

  return (
    <>
      <PageHeader
        title="Create role"
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Roles", href: ROLES_HREF }, { label: "Create role" }]}
        description="A role is assumed by the entities its trust policy names. Add its permissions on the role's page once it exists."
      />
      <CreateForm resource="role" cancelHref={ROLES_HREF} pending={create.isPending} invalid={submitted && invalid} serverError={server.other} onSubmit={submit}>
        <Container title="Trusted entity" description="Who may assume the role: the trust policy's principal.">
          <TrustedEntityPicker value={form.trust} onChange={changeTrust} accountIdError={shown.accountId} webIdentityError={shown.webIdentity} />
          <PolicyDocumentField
            label="Trust policy"
            description="The JSON trust policy (AssumeRolePolicyDocument). Picking a trusted entity above rewrites it."
            value={form.trustPolicy}
            onChange={(trustPolicy) => set("trustPolicy", trustPolicy)}
            error={shown.trustPolicy ?? server.field("AssumeRolePolicyDocument")}
          />
        </Container>

        <Container title="Role details">
          <div className="form-grid">
            <NameField label="Role name" max={64} value={form.name} onChange={(name) => set("name", name)} error={shown.name ?? server.field("RoleName")} placeholder="orders-function-role" />
            <PathField example="/service-role/" value={form.path} onChange={(path) => set("path", path)} error={shown.path ?? server.field("Path")} />
            <DescriptionField value={form.description} onChange={(description) => set("description", description)} error={shown.description ?? server.field("Description")} />
            <ChoiceSelect
              label="Maximum session duration"
              description="How long a session of the role can last; callers ask for up to this."
              choices={SESSION_DURATIONS}
              value={form.maxSessionDuration}
              onChange={(duration) => set("maxSessionDuration", duration)}
            />
          </div>
        </Container>

        <Container title="Tags - optional" description="A tag is a label you assign to a role: a key and an optional value.">
          <TagEditor rows={form.tags} onChange={(tags) => set("tags", tags)} errors={shown.tags} />
        </Container>
      </CreateForm>
    </>
  );
}
