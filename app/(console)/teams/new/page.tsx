import type { Metadata } from "next";
import { CreateTeamPage } from "../../../_console/CreateTeamPage";

export const metadata: Metadata = { title: "Create team" };

export default function NewTeamPage() {
  return <CreateTeamPage />;
}
