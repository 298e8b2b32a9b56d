import type { Metadata } from "next";
import { StreamsPage } from "./StreamsPage";

export const metadata: Metadata = { title: "Data streams | Kinesis" };

export default function Page() {
  return <StreamsPage />;
}
