import type { Metadata } from "next";
import { RoleDetailPage } from "./RoleDetailPage";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} | IAM` };
}

export default async function Page({ params, searchParams }: Props) {
  const { name } = await params;
  const { created } = await searchParams;
  return <RoleDetailPage name={decodeURIComponent(name)} justCreated={created === "1"} />;
}
