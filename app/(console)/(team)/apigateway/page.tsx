import type { Metadata } from "next";
import { ApisPage } from "./ApisPage";

export const metadata: Metadata = { title: "APIs | API Gateway" };

export default function Page() {
  return <ApisPage />;
}
