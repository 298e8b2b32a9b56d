import type { Metadata } from "next";
import { EditQueuePage } from "./EditQueuePage";

interface Props {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Edit ${decodeURIComponent(name)} | SQS` };
}

export default async function Page({ params }: Props) {
  const { name } = await params;
  return <EditQueuePage name={decodeURIComponent(name)} />;
}
