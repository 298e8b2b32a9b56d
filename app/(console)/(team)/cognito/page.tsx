import type { Metadata } from "next";
import { UserPoolsPage } from "./UserPoolsPage";

export const metadata: Metadata = { title: "User pools | Cognito" };

export default function Page() {
  return <UserPoolsPage />;
}
