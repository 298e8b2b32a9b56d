import type { Metadata } from "next";
import { IdentityPoolPage } from "./IdentityPoolPage";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `${decodeURIComponent(id)} | Cognito` };
}

export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const { created } = await searchParams;
  return <IdentityPoolPage poolId={decodeURIComponent(id)} created={typeof created === "string" ? created : undefined} />;
}
