import type { Metadata } from "next";
import { CreateFunctionPage } from "./CreateFunctionPage";

export const metadata: Metadata = { title: "Create function | Lambda" };

export default function Page() {
  return <CreateFunctionPage />;
}
