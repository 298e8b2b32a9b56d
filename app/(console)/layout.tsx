import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { authOptions } from "~/server/auth/options";
import { ConsoleProvider } from "../_console/ConsoleContext";
import { ConsoleShell } from "../_console/ConsoleShell";
import { ACCOUNT_COOKIE, REGION_COOKIE } from "../_lib/console-cookies";
import { knownRegion } from "../_lib/regions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect("/signin");

  const jar = await cookies();
  const regionCookie = jar.get(REGION_COOKIE)?.value;
  const region = knownRegion(regionCookie);
  return (
    <ConsoleProvider
      initialAccountId={jar.get(ACCOUNT_COOKIE)?.value ?? null}
      initialRegion={region}
      regionCookieSet={regionCookie === region}
    >
      <ConsoleShell>{children}</ConsoleShell>
    </ConsoleProvider>
  );
}
