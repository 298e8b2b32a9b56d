import type { Metadata } from "next";
import { InvitationView } from "./InvitationView";

export const metadata: Metadata = { title: "Team invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationView token={token} />;
}
