import { SERVICES, type ServiceEntry } from "~/server/services/catalog";

/**
 * The services come from the server's catalog (one `available` flag per service, flipped by
 * its issue); the nav, the service search and the home page all follow it.
 */
export { SERVICES, type ServiceEntry };

/** Team-level console pages, always available. */
export interface ConsolePage {
  id: string;
  name: string;
  description: string;
  href: string;
}

export const ACCOUNT_PAGES: readonly ConsolePage[] = [
  { id: "team", name: "Team & members", description: "Members, roles and invitations", href: "/team" },
  { id: "access-keys", name: "Access keys", description: "Keys for the AWS CLI and SDKs", href: "/access-keys" },
  { id: "audit", name: "Audit log", description: "Every change, by whom and from where", href: "/audit" },
];

export function findService(id: string): ServiceEntry | undefined {
  return SERVICES.find((s) => s.id === id);
}
