"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { useRefreshIam } from "../../use-iam";
import { entries, thumbprintsError } from "../provider-rules";

/** The provider's certificate thumbprints, replaced whole by UpdateOpenIDConnectProviderThumbprint. */
export function ThumbprintsPanel({ arn, thumbprints, canChange }: { arn: string; thumbprints: string[]; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Container
      title="Thumbprints"
      counter={thumbprints.length}
      description="SHA-1 thumbprints of the provider's certificates, as AWS keeps them. Stratus verifies tokens with the signing keys the provider publishes."
      actions={
        <Button aria-label="Edit thumbprints" disabled={!canChange} onClick={() => setEditing(true)}>
          Edit
        </Button>
      }
    >
      {thumbprints.length === 0 ? (
        <p className="text-secondary">No thumbprints.</p>
      ) : (
        <ul className="plain-list">
          {thumbprints.map((t) => (
            <li key={t}>
              <code>{t}</code>
            </li>
          ))}
        </ul>
      )}
      {editing && <EditThumbprintsModal arn={arn} thumbprints={thumbprints} onClose={() => setEditing(false)} />}
    </Container>
  );
}

function EditThumbprintsModal({ arn, thumbprints, onClose }: { arn: string; thumbprints: string[]; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const [text, setText] = useState(thumbprints.join("\n"));
  const [submitted, setSubmitted] = useState(false);
  const error = thumbprintsError(text);
  const update = useMutation(
    trpc.iam.updateOpenIdConnectProviderThumbprint.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  function submit() {
    setSubmitted(true);
    if (!error) update.mutate({ OpenIDConnectProviderArn: arn, ThumbprintList: entries(text) });
  }
  return (
    <FormModal title="Edit thumbprints" submitLabel="Save changes" pending={update.isPending} error={update.error} onSubmit={submit} onClose={onClose}>
      <FormField label="Thumbprints" description="Up to five, one a line: 40 hexadecimal characters each." error={submitted ? error : undefined}>
        {(control) => <textarea {...control} className="textarea code-input" rows={5} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />}
      </FormField>
    </FormModal>
  );
}
