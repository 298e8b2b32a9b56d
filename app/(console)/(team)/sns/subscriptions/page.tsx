import type { Metadata } from "next";
import { SubscriptionsPage } from "./SubscriptionsPage";

export const metadata: Metadata = { title: "Subscriptions | SNS" };

export default function Page() {
  return <SubscriptionsPage />;
}
