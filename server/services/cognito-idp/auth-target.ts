/** What a sign-in step works on (the pool and the app client) and what it answers. */
import type { CognitoUserPool, CognitoUserPoolClient } from "../../db/generated/client";
import type { ClientSettings } from "./model";
import { clientSettings } from "./store";
import type { AuthenticationResult } from "./tokens";

export interface AuthTarget {
  pool: CognitoUserPool;
  client: CognitoUserPoolClient;
  settings: ClientSettings;
  /** The caller's address, which failed sign-ins are counted by. */
  sourceIp?: string;
}

export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
}

export function authTarget(pool: CognitoUserPool, client: CognitoUserPoolClient, sourceIp?: string): AuthTarget {
  return { pool, client, settings: clientSettings(client), sourceIp };
}
