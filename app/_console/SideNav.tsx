"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";
import { Icon } from "../_components/Icon";
import { ACCOUNT_PAGES, SERVICES } from "../_lib/services";

interface NavLinkProps {
  href: string;
  onNavigate: () => void;
  children: ReactNode;
}

function NavLink({ href, onNavigate, children }: NavLinkProps) {
  const pathname = usePathname();
  const current = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined} onClick={onNavigate}>
      {children}
    </Link>
  );
}

interface SideNavProps {
  id: string;
  /** Whether the drawer is open on narrow screens; wide screens always show the nav. */
  open: boolean;
  onClose: () => void;
  /** Lets the drawer close once a link is followed. */
  onNavigate: () => void;
}

export function SideNav({ id, open, onClose, onNavigate }: SideNavProps) {
  const closeRef = useRef<HTMLButtonElement>(null);

  // Opening the drawer moves focus into it.
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  return (
    <nav id={id} aria-label="Console" className="sidenav" data-open={open} onKeyDown={(e) => open && e.key === "Escape" && onClose()}>
      <div className="sidenav-header">
        <span className="sidenav-title">Stratus</span>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close navigation" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <NavLink href="/" onNavigate={onNavigate}>Console Home</NavLink>
      <h2 className="nav-heading">Services</h2>
      <ul className="nav-list">
        {SERVICES.map((s) => (
          <li key={s.id}>
            {s.available ? (
              <NavLink href={s.href} onNavigate={onNavigate}>
                {s.name}
                <span className="nav-sub">{s.description}</span>
              </NavLink>
            ) : (
              <span className="nav-link nav-link-disabled" aria-disabled="true">
                {s.name}
                <span className="nav-sub">Not available yet</span>
              </span>
            )}
          </li>
        ))}
      </ul>
      <h2 className="nav-heading">Team</h2>
      <ul className="nav-list">
        {ACCOUNT_PAGES.map((p) => (
          <li key={p.id}>
            <NavLink href={p.href} onNavigate={onNavigate}>{p.name}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
