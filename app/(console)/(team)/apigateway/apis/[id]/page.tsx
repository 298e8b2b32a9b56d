import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { ApiDetailPage } from "./ApiDetailPage";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "API | API Gateway" };

export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const { created, tab, stage } = await searchParams;
  return (
    <ApiDetailPage
      restApiId={decodeURIComponent(id)}
      gatewayUrl={publicGatewayUrl()}
      justCreated={created === "1"}
      initialTab={typeof tab === "string" ? tab : undefined}
      initialStage={typeof stage === "string" ? stage : undefined}
    />
  );
}
