"use client";

import { useQuery } from "@tanstack/react-query";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { isNotFound } from "../../../../../_lib/errors";
import { prettyPayload } from "../../../../../_lib/format";

/** The resource-based policy (GetPolicy): who else may invoke or manage the function. Changed with AddPermission / RemovePermission. */
export function PolicySection({ name }: { name: string }) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.lambda.getPolicy.queryOptions({ FunctionName: name }));
  return (
    <Container
      title="Resource-based policy"
      description="Statements that let other accounts and AWS services use this function. Add them with the AWS CLI or SDK (AddPermission)."
    >
      {isNotFound(policy.error) ? (
        <EmptyState title="No resource-based policy">Only this account&apos;s users, keys and roles can use the function.</EmptyState>
      ) : (
        <QueryResult query={policy} loadingLabel="Loading policy">
          {(data) => <CodeBlock label="Policy (JSON)" code={prettyPayload(data.Policy)} />}
        </QueryResult>
      )}
    </Container>
  );
}
