import type { Metadata } from "next";
import { OutboxPage } from "./OutboxPage";

export const metadata: Metadata = { title: "Outbox | SNS" };

export default function Page() {
  return <OutboxPage />;
}
