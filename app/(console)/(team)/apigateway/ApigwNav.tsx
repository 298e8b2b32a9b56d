import { ServiceNav } from "../../../_components/ServiceNav";

const PAGES = [
  { href: "/apigateway", label: "APIs" },
  { href: "/apigateway/api-keys", label: "API keys" },
  { href: "/apigateway/usage-plans", label: "Usage plans" },
] as const;

/** The service's own pages, as the AWS console lists them in API Gateway's navigation. */
export function ApigwNav() {
  return <ServiceNav label="API Gateway" pages={PAGES} />;
}
