import type { Metadata } from "next";
import { CreateApiPage } from "./CreateApiPage";

export const metadata: Metadata = { title: "Create REST API | API Gateway" };

export default function Page() {
  return <CreateApiPage />;
}
