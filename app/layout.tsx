import type { Metadata, Viewport } from "next";
import { getServerSession } from "next-auth";
import type { ReactNode } from "react";
import { authOptions } from "~/server/auth/options";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Stratus Console", template: "%s | Stratus Console" },
  description: "A self-hosted mini AWS for serverless and application services",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Handing the session to SessionProvider spares a round trip and a signed-out flash.
  const session = await getServerSession(authOptions);
  return (
    <html lang="en">
      <body>
        <Providers session={session}>{children}</Providers>
      </body>
    </html>
  );
}
