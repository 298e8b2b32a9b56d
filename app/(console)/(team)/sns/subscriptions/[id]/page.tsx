import type { Metadata } from "next";
import { SubscriptionDetailPage } from "./SubscriptionDetailPage";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The address is the subscription ARN after the account: `<topic name>:<subscription id>`. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Subscription ${decodeURIComponent(id).split(":").at(-1)} | SNS` };
}

export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const { created } = await searchParams;
  return <SubscriptionDetailPage id={decodeURIComponent(id)} justCreated={created === "1"} />;
}
