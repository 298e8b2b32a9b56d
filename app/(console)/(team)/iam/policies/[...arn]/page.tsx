import type { Metadata } from "next";
import { PolicyDetailPage } from "./PolicyDetailPage";

interface Props {
  params: Promise<{ arn: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { arn } = await params;
  return { title: `${decodeURIComponent(arn.at(-1) ?? "Policy")} | IAM` };
}

export default async function Page({ params, searchParams }: Props) {
  const { arn } = await params;
  const { created } = await searchParams;
  return <PolicyDetailPage segments={arn} justCreated={created === "1"} />;
}
