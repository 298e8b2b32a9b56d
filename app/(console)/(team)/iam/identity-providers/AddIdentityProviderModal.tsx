"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormField } from "../../../../_components/FormField";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { identityProviderHref } from "../links";
import { serverFieldErrors } from "../server-errors";
import { useRefreshIam } from "../use-iam";
import { audiencesError, entries, providerUrlError, thumbprintsError } from "./provider-rules";

/** CreateOpenIDConnectProvider: the provider's URL, the audiences (client IDs) its tokens may be for, and thumbprints; its page opens next. */
export function AddIdentityProviderModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [audiences, setAudiences] = useState("");
  const [thumbprints, setThumbprints] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const errors = { url: providerUrlError(url), audiences: audiencesError(audiences), thumbprints: thumbprintsError(thumbprints) };
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const create = useMutation(
    trpc.iam.createOpenIdConnectProvider.mutationOptions({
      async onSuccess({ OpenIDConnectProviderArn }) {
        await refresh();
        router.push(`${identityProviderHref(OpenIDConnectProviderArn)}?created=1`);
      },
    }),
  );
  const server = serverFieldErrors(create.error, { Url: ["EntityAlreadyExistsException", "InvalidInputException"], ClientIDList: [], ThumbprintList: [] });

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const thumbprintList = entries(thumbprints);
    create.mutate({ Url: url, ClientIDList: entries(audiences), ...(thumbprintList.length > 0 && { ThumbprintList: thumbprintList }) });
  }

  return (
    <FormModal title="Add identity provider" submitLabel="Add provider" pending={create.isPending} error={server.other === undefined ? null : create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <p className="form-description">
          An OpenID Connect provider whose ID tokens this account trusts: roles that trust it can be assumed with AssumeRoleWithWebIdentity, and identity pools can sign its users in.
        </p>
        <FormField label="Provider URL" description="The provider's issuer: its tokens' iss claim. IAM finds its signing keys under it." error={shown.url ?? server.field("Url")}>
          {(control) => (
            <input
              {...control}
              className="input code-input"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://accounts.example.com"
              value={url}
              onChange={(e) => setUrl(e.target.value.trim())}
            />
          )}
        </FormField>
        <FormField label="Audiences" description="The client IDs your apps have at the provider, one a line: tokens must be issued to one of them." error={shown.audiences ?? server.field("ClientIDList")}>
          {(control) => <textarea {...control} className="textarea code-input" rows={3} spellCheck={false} value={audiences} onChange={(e) => setAudiences(e.target.value)} />}
        </FormField>
        <FormField
          label="Thumbprints - optional"
          description="SHA-1 thumbprints of the provider's certificates, one a line. Stratus verifies tokens with the keys the provider publishes instead."
          error={shown.thumbprints ?? server.field("ThumbprintList")}
        >
          {(control) => <textarea {...control} className="textarea code-input" rows={2} spellCheck={false} value={thumbprints} onChange={(e) => setThumbprints(e.target.value)} />}
        </FormField>
      </div>
    </FormModal>
  );
}
