import type { Metadata } from "next";
import { StreamDetailPage } from "./StreamDetailPage";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} | Kinesis` };
}

export default async function Page({ params, searchParams }: Props) {
  const { name } = await params;
  const { created, tab } = await searchParams;
  return <StreamDetailPage name={decodeURIComponent(name)} justCreated={created === "1"} initialTab={typeof tab === "string" ? tab : undefined} />;
}
