"use client";

import { useQuery } from "@tanstack/react-query";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { decodeDocument } from "../../documents";

/** The document of one version of a managed policy, read with GetPolicyVersion. */
export function usePolicyVersionDocument(arn: string, versionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.iam.getPolicyVersion.queryOptions({ PolicyArn: arn, VersionId: versionId }, { select: (data) => decodeDocument(data.PolicyVersion.Document ?? "") }));
}

export function PolicyVersionDocument({ arn, versionId }: { arn: string; versionId: string }) {
  const document = usePolicyVersionDocument(arn, versionId);
  return (
    <QueryResult query={document} loadingLabel="Loading the policy document">
      {(text) => <CodeBlock label={`Policy document (${versionId})`} code={text} />}
    </QueryResult>
  );
}
