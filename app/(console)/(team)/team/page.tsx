import type { Metadata } from "next";
import { TeamPage } from "./TeamPage";

export const metadata: Metadata = { title: "Team & members" };

export default function Page() {
  return <TeamPage />;
}
