import type { Metadata } from "next";
import { IdentityProvidersPage } from "./IdentityProvidersPage";

export const metadata: Metadata = { title: "Identity providers | IAM" };

export default function Page() {
  return <IdentityProvidersPage />;
}
