import type { Metadata } from "next";
import { ApiKeysPage } from "./ApiKeysPage";

export const metadata: Metadata = { title: "API keys | API Gateway" };

export default function Page() {
  return <ApiKeysPage />;
}
