import type { Metadata } from "next";
import { ImportApiPage } from "./ImportApiPage";

export const metadata: Metadata = { title: "Import REST API | API Gateway" };

export default function Page() {
  return <ImportApiPage />;
}
