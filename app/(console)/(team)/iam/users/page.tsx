import type { Metadata } from "next";
import { UsersPage } from "./UsersPage";

export const metadata: Metadata = { title: "Users | IAM" };

export default function Page() {
  return <UsersPage />;
}
