import type { Metadata } from "next";
import { LogGroupsPage } from "./LogGroupsPage";

export const metadata: Metadata = { title: "Log groups | CloudWatch" };

export default function Page() {
  return <LogGroupsPage />;
}
