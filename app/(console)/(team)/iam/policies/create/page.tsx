import type { Metadata } from "next";
import { CreatePolicyPage } from "./CreatePolicyPage";

export const metadata: Metadata = { title: "Create policy | IAM" };

export default function Page() {
  return <CreatePolicyPage />;
}
