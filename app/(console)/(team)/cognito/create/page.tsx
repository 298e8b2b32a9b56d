import type { Metadata } from "next";
import { CreateUserPoolPage } from "./CreateUserPoolPage";

export const metadata: Metadata = { title: "Create user pool | Cognito" };

export default function Page() {
  return <CreateUserPoolPage />;
}
