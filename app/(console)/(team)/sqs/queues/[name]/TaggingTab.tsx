"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { recordToTags } from "../../../../../_components/TagEditor";
import { TagsPanel, type TagChanges } from "../../../../../_components/TagsPanel";
import { useTRPC } from "../../../../../_trpc/client";

/** The queue's tags, changed with TagQueue and UntagQueue. */
export function TaggingTab({ url, canChange }: { url: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.sqs.listQueueTags.queryOptions({ QueueUrl: url }, { select: (data) => recordToTags(data.Tags ?? {}) }));
  const tagQueue = useMutation(trpc.sqs.tagQueue.mutationOptions());
  const untagQueue = useMutation(trpc.sqs.untagQueue.mutationOptions());

  async function save({ removed, changed }: TagChanges) {
    if (removed.length > 0) await untagQueue.mutateAsync({ QueueUrl: url, TagKeys: removed });
    if (Object.keys(changed).length > 0) await tagQueue.mutateAsync({ QueueUrl: url, Tags: changed });
    await queryClient.invalidateQueries(trpc.sqs.listQueueTags.queryFilter({ QueueUrl: url }));
  }

  return <TagsPanel resource="queue" tags={tags} canChange={canChange} onSave={save} />;
}
