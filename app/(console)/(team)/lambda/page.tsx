import type { Metadata } from "next";
import { FunctionsPage } from "./FunctionsPage";

export const metadata: Metadata = { title: "Functions | Lambda" };

export default function Page() {
  return <FunctionsPage />;
}
