import type { Metadata } from "next";
import { PolicySimulatorPage } from "./PolicySimulatorPage";

export const metadata: Metadata = { title: "Policy simulator | IAM" };

export default function Page() {
  return <PolicySimulatorPage />;
}
