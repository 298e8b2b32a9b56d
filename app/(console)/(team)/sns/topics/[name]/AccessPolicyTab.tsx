"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { CodeEditor } from "../../../../../_components/CodeEditor";
import { Container } from "../../../../../_components/Container";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { EmptyState } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";
import { compactJson, jsonObjectError, prettyJson } from "../../json";
import type { LoadedTopic } from "../../use-topic";

/** The topic's resource policy (the Policy attribute): who may publish, subscribe and manage it. */
export function AccessPolicyTab({ topic, canChange }: { topic: LoadedTopic; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policy = topic.attributes.Policy;
  const [editing, setEditing] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.sns.setTopicAttributes.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter({ TopicArn: topic.arn }));
        setEditing(null);
        setSubmitted(false);
      },
    }),
  );
  const error = editing !== null && submitted ? (editing.trim() ? jsonObjectError(editing, "policy") : "Enter a policy: a JSON object with a Statement list.") : undefined;

  function cancel() {
    setEditing(null);
    setSubmitted(false);
    save.reset();
  }

  return (
    <Container
      title="Access policy"
      description="The resource policy that decides who besides this account's users and keys can publish to, subscribe to and manage the topic."
      actions={
        editing === null && (
          <Button disabled={!canChange} onClick={() => setEditing(prettyJson(policy) || "")}>
            Edit
          </Button>
        )
      }
    >
      {editing !== null ? (
        <div className="stack">
          <FormField label="Access policy (JSON)" description="A JSON policy document with Version and Statement." error={error}>
            {(control) => (
              <CodeEditor value={editing} onChange={setEditing} language="json" label="Access policy (JSON)" describedBy={control["aria-describedby"]} minHeight={200} maxHeight={480} />
            )}
          </FormField>
          {save.isError && <Alert type="error" title="Couldn't save the access policy">{errorMessage(save.error)}</Alert>}
          <div className="form-actions">
            <Button variant="link" onClick={cancel}>
              Cancel
            </Button>
            <Button
              variant="primary"
              loading={save.isPending}
              onClick={() => {
                setSubmitted(true);
                if (!editing.trim() || jsonObjectError(editing, "policy")) return;
                save.mutate({ TopicArn: topic.arn, AttributeName: "Policy", AttributeValue: compactJson(editing) });
              }}
            >
              Save changes
            </Button>
          </div>
        </div>
      ) : policy ? (
        <CodeBlock label="Policy (JSON)" code={prettyJson(policy)} />
      ) : (
        <EmptyState title="No access policy">Only users and access keys of this account can use the topic.</EmptyState>
      )}
    </Container>
  );
}
