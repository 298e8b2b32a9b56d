import type { Metadata } from "next";
import { UserPage } from "./UserPage";

interface Props {
  params: Promise<{ poolId: string; username: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username } = await params;
  return { title: `${decodeURIComponent(username)} | Cognito` };
}

export default async function Page({ params }: Props) {
  const { poolId, username } = await params;
  return <UserPage poolId={decodeURIComponent(poolId)} username={decodeURIComponent(username)} />;
}
