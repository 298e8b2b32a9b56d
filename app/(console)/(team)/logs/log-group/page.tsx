import type { Metadata } from "next";
import { LogGroupPage } from "./LogGroupPage";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { name } = await searchParams;
  return { title: `${typeof name === "string" ? name : "Log group"} | CloudWatch` };
}

export default async function Page({ searchParams }: Props) {
  const { name } = await searchParams;
  return <LogGroupPage name={typeof name === "string" ? name : ""} />;
}
