import Link from "next/link";
import type { ReactNode } from "react";
import { Header } from "./Header";

export interface Crumb {
  label: string;
  href?: string;
}

interface PageHeaderProps {
  title: string;
  /** Trail below "Stratus"; the last one is the current page. */
  breadcrumbs: Crumb[];
  description?: ReactNode;
  info?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, breadcrumbs, description, info, actions }: PageHeaderProps) {
  const trail: Crumb[] = [{ label: "Stratus", href: "/" }, ...breadcrumbs];
  return (
    <div className="page-header">
      <nav aria-label="Breadcrumbs" className="breadcrumbs">
        <ol>
          {trail.map((crumb, i) => {
            const current = i === trail.length - 1;
            return (
              <li key={crumb.label}>
                {crumb.href && !current ? <Link href={crumb.href}>{crumb.label}</Link> : <span aria-current={current ? "page" : undefined}>{crumb.label}</span>}
              </li>
            );
          })}
        </ol>
      </nav>
      <Header variant="page" title={title} description={description} info={info} actions={actions} />
    </div>
  );
}
