import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { framingOrigin } from "~/server/services/cognito-idp/oauth/http";
import { AppClientPage } from "./AppClientPage";

interface Props {
  params: Promise<{ poolId: string; clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "App client | Cognito" };

export default async function Page({ params, searchParams }: Props) {
  const { poolId, clientId } = await params;
  const { created } = await searchParams;
  return (
    <AppClientPage
      poolId={decodeURIComponent(poolId)}
      clientId={decodeURIComponent(clientId)}
      gatewayUrl={publicGatewayUrl()}
      hostedUiFramable={framingOrigin() !== undefined}
      justCreated={created === "1"}
    />
  );
}
