import type { Metadata } from "next";
import { CreateStreamPage } from "./CreateStreamPage";

export const metadata: Metadata = { title: "Create data stream | Kinesis" };

export default function Page() {
  return <CreateStreamPage />;
}
