import type { Metadata } from "next";
import { CreateTopicPage } from "./CreateTopicPage";

export const metadata: Metadata = { title: "Create topic | SNS" };

export default function Page() {
  return <CreateTopicPage />;
}
