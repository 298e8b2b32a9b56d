import type { Metadata } from "next";
import { CreateRolePage } from "./CreateRolePage";

export const metadata: Metadata = { title: "Create role | IAM" };

export default function Page() {
  return <CreateRolePage />;
}
