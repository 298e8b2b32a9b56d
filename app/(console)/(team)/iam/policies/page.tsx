import type { Metadata } from "next";
import { PoliciesPage } from "./PoliciesPage";

export const metadata: Metadata = { title: "Policies | IAM" };

export default function Page() {
  return <PoliciesPage />;
}
