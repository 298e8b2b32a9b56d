import { ServiceNav } from "../../../_components/ServiceNav";
import { IDENTITY_PROVIDERS_HREF, POLICIES_HREF, ROLES_HREF, SIMULATOR_HREF, USERS_HREF } from "./links";

const PAGES = [
  { href: "/iam", label: "Dashboard" },
  { href: ROLES_HREF, label: "Roles" },
  { href: POLICIES_HREF, label: "Policies" },
  { href: USERS_HREF, label: "Users" },
  { href: IDENTITY_PROVIDERS_HREF, label: "Identity providers" },
  { href: SIMULATOR_HREF, label: "Policy simulator" },
] as const;

/** The service's own pages, as the AWS console lists them in IAM's navigation. */
export function IamNav() {
  return <ServiceNav label="IAM" pages={PAGES} />;
}
