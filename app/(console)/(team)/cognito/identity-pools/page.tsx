import type { Metadata } from "next";
import { IdentityPoolsPage } from "./IdentityPoolsPage";

export const metadata: Metadata = { title: "Identity pools | Cognito" };

export default function Page() {
  return <IdentityPoolsPage />;
}
