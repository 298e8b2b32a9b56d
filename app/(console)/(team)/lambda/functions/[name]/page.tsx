import type { Metadata } from "next";
import { FunctionDetailPage } from "./FunctionDetailPage";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} | Lambda` };
}

export default async function Page({ params, searchParams }: Props) {
  const { name } = await params;
  const { created, tab } = await searchParams;
  return <FunctionDetailPage name={decodeURIComponent(name)} justCreated={created === "1"} initialTab={typeof tab === "string" ? tab : undefined} />;
}
