"use client";

import { matchQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { ACCOUNT_COOKIE, clearCookie, REGION_COOKIE, writeCookie } from "../_lib/console-cookies";
import { useTRPC } from "../_trpc/client";

interface ConsoleSelection {
  /** The team (account) the console works in; null until one is chosen. */
  accountId: string | null;
  region: string;
  switchAccount: (accountId: string | null) => void;
  switchRegion: (region: string) => void;
}

const ConsoleContext = createContext<ConsoleSelection | null>(null);

interface ConsoleProviderProps {
  initialAccountId: string | null;
  initialRegion: string;
  /** False when the region came from the default rather than the cookie. */
  regionCookieSet: boolean;
  children: ReactNode;
}

/**
 * Holds the team and region the server scopes calls by. Both live in cookies the server
 * reads on every request; switching rewrites the cookie and refetches what depends on it.
 */
export function ConsoleProvider({ initialAccountId, initialRegion, regionCookieSet, children }: ConsoleProviderProps) {
  const [accountId, setAccountId] = useState(initialAccountId);
  const [region, setRegion] = useState(initialRegion);
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  // A layout effect runs before any child's query starts, so the first calls carry a region.
  useLayoutEffect(() => {
    if (!regionCookieSet) writeCookie(REGION_COOKIE, initialRegion);
  }, [regionCookieSet, initialRegion]);

  const value = useMemo<ConsoleSelection>(() => {
    // Everything but the signed-in user's own profile depends on the team and region.
    const resetScopedQueries = () => {
      const me = trpc.me.get.queryFilter();
      void queryClient.resetQueries({ predicate: (query) => !matchQuery(me, query) });
    };
    return {
      accountId,
      region,
      switchAccount(next) {
        if (next) writeCookie(ACCOUNT_COOKIE, next);
        else clearCookie(ACCOUNT_COOKIE);
        setAccountId(next);
        resetScopedQueries();
      },
      switchRegion(next) {
        writeCookie(REGION_COOKIE, next);
        setRegion(next);
        resetScopedQueries();
      },
    };
  }, [accountId, region, queryClient, trpc]);

  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleSelection {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error("useConsole must be used inside <ConsoleProvider>");
  return value;
}
