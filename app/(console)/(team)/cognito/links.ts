/** The console's Cognito addresses and breadcrumbs, and the gateway's addresses for a pool's issuer and hosted UI. */
import type { Crumb } from "../../../_components/PageHeader";

/** A pool page's tabs, in order, by their name in the address. */
export const POOL_TABS = {
  users: "Users",
  groups: "Groups",
  clients: "App clients",
  "sign-up": "Sign-up experience",
  "sign-in": "Sign-in experience",
  extensions: "Extensions",
  settings: "Settings",
} as const;
export type PoolTab = keyof typeof POOL_TABS;

export function isPoolTab(value: string | undefined): value is PoolTab {
  return value !== undefined && Object.hasOwn(POOL_TABS, value);
}

/** A pool's page; users are its first tab, so they need no `tab` in the address. */
export function poolHref(poolId: string, tab?: PoolTab): string {
  return `/cognito/${encodeURIComponent(poolId)}${tab && tab !== "users" ? `?tab=${tab}` : ""}`;
}

export function userHref(poolId: string, username: string): string {
  return `${poolHref(poolId)}/users/${encodeURIComponent(username)}`;
}

export function groupHref(poolId: string, groupName: string): string {
  return `${poolHref(poolId)}/groups/${encodeURIComponent(groupName)}`;
}

export function clientHref(poolId: string, clientId: string): string {
  return `${poolHref(poolId)}/clients/${encodeURIComponent(clientId)}`;
}

/** The trail above the service's pages: Cognito › User pools › `trail`. */
export const poolsCrumbs = (...trail: Crumb[]): Crumb[] => [{ label: "Cognito", href: "/cognito" }, { label: "User pools", href: "/cognito" }, ...trail];

/** The trail of a page under one of a pool's tabs: … › the pool › the tab › the page. */
export function inPoolCrumbs(poolId: string, poolName: string | undefined, tab: PoolTab, page: string): Crumb[] {
  return poolsCrumbs({ label: poolName ?? poolId, href: poolHref(poolId) }, { label: POOL_TABS[tab], href: poolHref(poolId, tab) }, { label: page });
}

/** Where the codes and invitations Cognito sends arrive: the SNS outbox. */
export const OUTBOX_HREF = "/sns/outbox";

/** The `iss` of the pool's tokens: `{gateway}/{poolId}`. */
export function issuerUrl(gatewayUrl: string, poolId: string): string {
  return `${gatewayUrl.replace(/\/+$/, "")}/${poolId}`;
}

/** The token signing keys verifiers fetch. */
export function jwksUrl(gatewayUrl: string, poolId: string): string {
  return `${issuerUrl(gatewayUrl, poolId)}/.well-known/jwks.json`;
}

/** The hosted sign-in page for an app client, returning an authorization code to `redirectUri`. */
export function hostedUiUrl(gatewayUrl: string, poolId: string, clientId: string, redirectUri: string): string {
  const query = new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: redirectUri });
  return `${issuerUrl(gatewayUrl, poolId)}/login?${query.toString()}`;
}
