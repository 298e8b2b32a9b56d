/** SNS's HTTP/S POSTs: success is any 2xx within the timeout; anything else is a failure worth retrying. */
import { DeliveryFailure } from "./settle";

/** AWS waits 15 seconds for an endpoint by default. */
const TIMEOUT_MS = 15_000;

export async function post(endpoint: string, headers: Record<string, string>, body: string): Promise<number> {
  let response: Response;
  try {
    response = await fetch(endpoint, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new DeliveryFailure(`Connection to the endpoint failed: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  // The body is not used, but must be drained so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new DeliveryFailure(`The endpoint answered HTTP ${response.status}`, true, response.status);
  return response.status;
}
