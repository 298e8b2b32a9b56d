import type { Metadata } from "next";
import { RolesPage } from "./RolesPage";

export const metadata: Metadata = { title: "Roles | IAM" };

export default function Page() {
  return <RolesPage />;
}
