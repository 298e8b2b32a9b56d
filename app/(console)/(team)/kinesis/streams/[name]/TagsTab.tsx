"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TagsPanel, type TagChanges } from "../../../../../_components/TagsPanel";
import { useTRPC } from "../../../../../_trpc/client";

/** The stream's tags, changed with TagResource and UntagResource. */
export function TagsTab({ arn, canChange }: { arn: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.kinesis.listTagsForResource.queryOptions({ ResourceARN: arn }, { select: (data) => data.Tags.map((t) => ({ key: t.Key, value: t.Value ?? "" })) }));
  const tagResource = useMutation(trpc.kinesis.tagResource.mutationOptions());
  const untagResource = useMutation(trpc.kinesis.untagResource.mutationOptions());

  async function save({ removed, changed }: TagChanges) {
    if (removed.length > 0) await untagResource.mutateAsync({ ResourceARN: arn, TagKeys: removed });
    if (Object.keys(changed).length > 0) await tagResource.mutateAsync({ ResourceARN: arn, Tags: changed });
    await queryClient.invalidateQueries(trpc.kinesis.listTagsForResource.queryFilter({ ResourceARN: arn }));
  }

  return <TagsPanel resource="data stream" tags={tags} canChange={canChange} onSave={save} />;
}
