import type { Metadata } from "next";
import { IamDashboard } from "./IamDashboard";

export const metadata: Metadata = { title: "Dashboard | IAM" };

export default function Page() {
  return <IamDashboard />;
}
