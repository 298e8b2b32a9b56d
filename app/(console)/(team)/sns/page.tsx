import type { Metadata } from "next";
import { TopicsPage } from "./TopicsPage";

export const metadata: Metadata = { title: "Topics | SNS" };

export default function Page() {
  return <TopicsPage />;
}
