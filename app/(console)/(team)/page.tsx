import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { ConsoleHome } from "./ConsoleHome";

export const metadata: Metadata = { title: "Console Home" };

export default function HomePage() {
  return <ConsoleHome gatewayUrl={publicGatewayUrl()} />;
}
