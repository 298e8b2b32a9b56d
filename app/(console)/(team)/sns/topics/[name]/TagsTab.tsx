"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TagsPanel, type TagChanges } from "../../../../../_components/TagsPanel";
import { useTRPC } from "../../../../../_trpc/client";

/** The topic's tags, changed with TagResource and UntagResource. */
export function TagsTab({ arn, canChange }: { arn: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.sns.listTagsForResource.queryOptions({ ResourceArn: arn }, { select: (data) => data.Tags.map((t) => ({ key: t.Key, value: t.Value })) }));
  const tagResource = useMutation(trpc.sns.tagResource.mutationOptions());
  const untagResource = useMutation(trpc.sns.untagResource.mutationOptions());

  async function save({ removed, changed }: TagChanges) {
    if (removed.length > 0) await untagResource.mutateAsync({ ResourceArn: arn, TagKeys: removed });
    const tagged = Object.entries(changed).map(([Key, Value]) => ({ Key, Value }));
    if (tagged.length > 0) await tagResource.mutateAsync({ ResourceArn: arn, Tags: tagged });
    await queryClient.invalidateQueries(trpc.sns.listTagsForResource.queryFilter({ ResourceArn: arn }));
  }

  return <TagsPanel resource="topic" tags={tags} canChange={canChange} onSave={save} />;
}
