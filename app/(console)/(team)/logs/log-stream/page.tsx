import type { Metadata } from "next";
import { LogStreamPage } from "./LogStreamPage";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { stream } = await searchParams;
  return { title: `${text(stream) || "Log stream"} | CloudWatch` };
}

export default async function Page({ searchParams }: Props) {
  const { group, stream } = await searchParams;
  return <LogStreamPage group={text(group)} stream={text(stream)} />;
}
