"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { TagsPanel, type TagChanges } from "../../../../../_components/TagsPanel";
import { useTRPC } from "../../../../../_trpc/client";
import { useRefreshIam } from "../../use-iam";

/** The role's tags, changed with TagRole and UntagRole. */
export function RoleTagsTab({ name, canChange }: { name: string; canChange: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const tags = useQuery(trpc.iam.listRoleTags.queryOptions({ RoleName: name }, { select: (data) => data.Tags.map((t) => ({ key: t.Key, value: t.Value })) }));
  const tagRole = useMutation(trpc.iam.tagRole.mutationOptions());
  const untagRole = useMutation(trpc.iam.untagRole.mutationOptions());

  async function save({ removed, changed }: TagChanges) {
    if (removed.length > 0) await untagRole.mutateAsync({ RoleName: name, TagKeys: removed });
    const tagged = Object.entries(changed).map(([Key, Value]) => ({ Key, Value }));
    if (tagged.length > 0) await tagRole.mutateAsync({ RoleName: name, Tags: tagged });
    await refresh();
  }

  return <TagsPanel resource="role" tags={tags} canChange={canChange} onSave={save} />;
}
