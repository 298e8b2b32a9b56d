/** The console's API Gateway addresses, and the gateway's for deployed stages. */
const API_TABS = ["resources", "stages", "authorizers"] as const;
export type ApiTab = (typeof API_TABS)[number];

export function isApiTab(value: string | undefined): value is ApiTab {
  return API_TABS.some((tab) => tab === value);
}

/** An API's page; resources are its first tab, so they need no `tab` in the address. `stage` names the open stage. */
export function apiHref(restApiId: string, view: { tab?: ApiTab; stage?: string } = {}): string {
  const query = new URLSearchParams();
  if (view.tab && view.tab !== "resources") query.set("tab", view.tab);
  if (view.tab === "stages" && view.stage) query.set("stage", view.stage);
  const search = query.toString();
  return `/apigateway/apis/${encodeURIComponent(restApiId)}${search ? `?${search}` : ""}`;
}

export function usagePlanHref(usagePlanId: string): string {
  return `/apigateway/usage-plans/${encodeURIComponent(usagePlanId)}`;
}

/**
 * Where a stage answers: the gateway's `/restapis/{id}/{stage}/_user_request_/` path (the form AWS
 * emulators use, needing no DNS for `{id}.execute-api` hosts), followed by a resource path.
 */
export function invokeUrl(gatewayUrl: string, restApiId: string, stageName: string): string {
  return `${gatewayUrl.replace(/\/+$/, "")}/restapis/${restApiId}/${stageName}/_user_request_/`;
}
