import type { Metadata } from "next";
import { QueuesPage } from "./QueuesPage";

export const metadata: Metadata = { title: "Queues | SQS" };

export default function Page() {
  return <QueuesPage />;
}
