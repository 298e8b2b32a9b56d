/** App clients as the OAuth endpoints see them: the OAuth flows they are allowed. */
import type { ClientSettings } from "../model";

/** OAuth flows need the client enabled for OAuth as well as the flow named. */
export const allowsOAuthFlow = (settings: ClientSettings, flow: "code" | "implicit" | "client_credentials"): boolean =>
  settings.AllowedOAuthFlowsUserPoolClient === true && (settings.AllowedOAuthFlows ?? []).includes(flow);

