import { ServiceNav } from "../../../_components/ServiceNav";

const PAGES = [
  { href: "/sns", label: "Topics" },
  { href: "/sns/subscriptions", label: "Subscriptions" },
  { href: "/sns/outbox", label: "Outbox" },
] as const;

/** The service's own pages, as the AWS console lists them in SNS's navigation. */
export function SnsNav() {
  return <ServiceNav label="SNS" pages={PAGES} />;
}
