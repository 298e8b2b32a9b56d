import type { Metadata } from "next";
import { CreateSubscriptionPage } from "./CreateSubscriptionPage";

export const metadata: Metadata = { title: "Create subscription | SNS" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { topic } = await searchParams;
  return <CreateSubscriptionPage topicName={typeof topic === "string" ? topic : undefined} />;
}
