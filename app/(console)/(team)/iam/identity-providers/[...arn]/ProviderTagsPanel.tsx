"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { TagsPanel, type TagChanges } from "../../../../../_components/TagsPanel";
import { useTRPC } from "../../../../../_trpc/client";
import { useRefreshIam } from "../../use-iam";

/** The provider's tags, changed with TagOpenIDConnectProvider and UntagOpenIDConnectProvider. */
export function ProviderTagsPanel({ arn, canChange }: { arn: string; canChange: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const tags = useQuery(
    trpc.iam.listOpenIdConnectProviderTags.queryOptions({ OpenIDConnectProviderArn: arn }, { select: (data) => data.Tags.map((t) => ({ key: t.Key, value: t.Value })) }),
  );
  const tag = useMutation(trpc.iam.tagOpenIdConnectProvider.mutationOptions());
  const untag = useMutation(trpc.iam.untagOpenIdConnectProvider.mutationOptions());

  async function save({ removed, changed }: TagChanges) {
    if (removed.length > 0) await untag.mutateAsync({ OpenIDConnectProviderArn: arn, TagKeys: removed });
    const tagged = Object.entries(changed).map(([Key, Value]) => ({ Key, Value }));
    if (tagged.length > 0) await tag.mutateAsync({ OpenIDConnectProviderArn: arn, Tags: tagged });
    await refresh();
  }

  return <TagsPanel resource="identity provider" tags={tags} canChange={canChange} onSave={save} />;
}
