"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface ServicePage {
  href: string;
  label: string;
}

/** The page the address is on or under: the longest matching href, so `/sns` isn't current on `/sns/outbox`. */
function currentPage(pages: readonly ServicePage[], pathname: string): string | undefined {
  const matching = pages.filter((page) => pathname === page.href || pathname.startsWith(`${page.href}/`));
  return matching.sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

/** A service's own pages as a row of links, as the AWS console lists them in the service's navigation. */
export function ServiceNav({ label, pages }: { label: string; pages: readonly ServicePage[] }) {
  const current = currentPage(pages, usePathname());
  return (
    <nav aria-label={label} className="service-nav">
      {pages.map((page) => (
        <Link key={page.href} href={page.href} aria-current={page.href === current ? "page" : undefined}>
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
