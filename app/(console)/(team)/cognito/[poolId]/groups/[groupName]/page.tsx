import type { Metadata } from "next";
import { GroupPage } from "./GroupPage";

interface Props {
  params: Promise<{ poolId: string; groupName: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { groupName } = await params;
  return { title: `${decodeURIComponent(groupName)} | Cognito` };
}

export default async function Page({ params }: Props) {
  const { poolId, groupName } = await params;
  return <GroupPage poolId={decodeURIComponent(poolId)} groupName={decodeURIComponent(groupName)} />;
}
