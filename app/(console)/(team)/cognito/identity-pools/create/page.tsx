import type { Metadata } from "next";
import { CreateIdentityPoolPage } from "./CreateIdentityPoolPage";

export const metadata: Metadata = { title: "Create identity pool | Cognito" };

export default function Page() {
  return <CreateIdentityPoolPage />;
}
