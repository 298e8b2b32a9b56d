import type { Metadata } from "next";
import { QueueDetailPage } from "./QueueDetailPage";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} | SQS` };
}

export default async function Page({ params, searchParams }: Props) {
  const { name } = await params;
  const { created } = await searchParams;
  return <QueueDetailPage name={decodeURIComponent(name)} justCreated={created === "1"} />;
}
