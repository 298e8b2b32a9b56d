import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { UserDetailPage } from "./UserDetailPage";

interface Props {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} | IAM` };
}

export default async function Page({ params }: Props) {
  const { name } = await params;
  return <UserDetailPage name={decodeURIComponent(name)} gatewayUrl={publicGatewayUrl()} />;
}
