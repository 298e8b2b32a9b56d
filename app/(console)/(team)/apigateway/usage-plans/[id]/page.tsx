import type { Metadata } from "next";
import { UsagePlanPage } from "./UsagePlanPage";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "Usage plan | API Gateway" };

export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const { created } = await searchParams;
  return <UsagePlanPage usagePlanId={decodeURIComponent(id)} justCreated={created === "1"} />;
}
