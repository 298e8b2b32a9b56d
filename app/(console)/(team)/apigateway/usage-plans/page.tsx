import type { Metadata } from "next";
import { UsagePlansPage } from "./UsagePlansPage";

export const metadata: Metadata = { title: "Usage plans | API Gateway" };

export default function Page() {
  return <UsagePlansPage />;
}
