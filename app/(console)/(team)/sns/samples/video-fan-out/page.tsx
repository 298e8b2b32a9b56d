import type { Metadata } from "next";
import { VideoFanOutPage } from "./VideoFanOutPage";

export const metadata: Metadata = { title: "Sample: video fan-out | SNS" };

export default function Page() {
  return <VideoFanOutPage />;
}
