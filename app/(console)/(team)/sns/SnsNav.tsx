"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import "./sns.css";

const PAGES = [
  { href: "/sns", label: "Topics" },
  { href: "/sns/subscriptions", label: "Subscriptions" },
  { href: "/sns/outbox", label: "Outbox" },
] as const;

/** The service's own pages, as the AWS console lists them in SNS's navigation. */
export function SnsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="SNS" className="sns-nav">
      {PAGES.map((page) => (
        <Link key={page.href} href={page.href} aria-current={pathname === page.href ? "page" : undefined}>
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
