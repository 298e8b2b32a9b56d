import type { Metadata } from "next";
import { IdentityProviderDetailPage } from "./IdentityProviderDetailPage";

interface Props {
  params: Promise<{ arn: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "Identity provider | IAM" };

export default async function Page({ params, searchParams }: Props) {
  const { arn } = await params;
  const { created } = await searchParams;
  return <IdentityProviderDetailPage segments={arn} justCreated={created === "1"} />;
}
