import { ServiceNav } from "../../../../_components/ServiceNav";

const PAGES = [
  { href: "/cognito", label: "User pools" },
  { href: "/cognito/identity-pools", label: "Identity pools" },
] as const;

/** Cognito's two kinds of pool, as the AWS console lists them in the service's navigation. */
export function CognitoNav() {
  return <ServiceNav label="Cognito" pages={PAGES} />;
}
