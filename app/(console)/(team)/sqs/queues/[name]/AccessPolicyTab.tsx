import { ButtonLink } from "../../../../../_components/Button";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { queueHref } from "../../use-queue";

function pretty(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy), null, 2);
  } catch {
    return policy;
  }
}

export function AccessPolicyTab({ name, policy, canChange }: { name: string; policy: string | undefined; canChange: boolean }) {
  const edit = canChange && (
    <ButtonLink href={queueHref(name, "edit")}>Edit</ButtonLink>
  );
  return (
    <Container title="Access policy" description="The resource policy that lets other accounts use this queue." actions={policy ? edit : undefined}>
      {policy ? (
        <CodeBlock label="Policy (JSON)" code={pretty(policy)} />
      ) : (
        <EmptyState title="No access policy" action={edit || undefined}>
          Only users and access keys of this account can use the queue.
        </EmptyState>
      )}
    </Container>
  );
}
