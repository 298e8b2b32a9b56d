import type { Metadata } from "next";
import { publicGatewayUrl } from "~/server/env";
import { AccessKeysPage } from "./AccessKeysPage";

export const metadata: Metadata = { title: "Access keys" };

export default function Page() {
  return <AccessKeysPage gatewayUrl={publicGatewayUrl()} />;
}
