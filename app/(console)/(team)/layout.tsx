import type { ReactNode } from "react";
import { TeamGate } from "../../_console/TeamGate";

/** Pages in this group work inside the current team. */
export default function TeamLayout({ children }: { children: ReactNode }) {
  return <TeamGate>{children}</TeamGate>;
}
