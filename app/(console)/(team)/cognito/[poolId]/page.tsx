import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { PoolDetailPage } from "./PoolDetailPage";

interface Props {
  params: Promise<{ poolId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { poolId } = await params;
  return { title: `${decodeURIComponent(poolId)} | Cognito` };
}

export default async function Page({ params, searchParams }: Props) {
  const { poolId } = await params;
  const { created, tab } = await searchParams;
  return (
    <PoolDetailPage
      poolId={decodeURIComponent(poolId)}
      gatewayUrl={publicGatewayUrl()}
      created={typeof created === "string" ? created : undefined}
      initialTab={typeof tab === "string" ? tab : undefined}
    />
  );
}
