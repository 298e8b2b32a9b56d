import type { Metadata } from "next";
import { SendReceivePage } from "./SendReceivePage";

interface Props {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Send and receive messages: ${decodeURIComponent(name)} | SQS` };
}

export default async function Page({ params }: Props) {
  const { name } = await params;
  return <SendReceivePage name={decodeURIComponent(name)} />;
}
