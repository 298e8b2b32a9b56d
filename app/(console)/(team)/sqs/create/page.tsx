import type { Metadata } from "next";
import { CreateQueuePage } from "./CreateQueuePage";

export const metadata: Metadata = { title: "Create queue | SQS" };

export default function Page() {
  return <CreateQueuePage />;
}
