"use client";

import Link from "next/link";
import { useId, useRef, useState, type ReactNode } from "react";
import { Icon } from "../_components/Icon";
import { Logo } from "../_components/Logo";
import { RegionSelector } from "./RegionSelector";
import { ServiceSearch } from "./ServiceSearch";
import { SideNav } from "./SideNav";
import { TeamSwitcher } from "./TeamSwitcher";
import { UserMenu } from "./UserMenu";

/** Top bar + side navigation + page. On narrow screens the navigation becomes a drawer. */
export function ConsoleShell({ children }: { children: ReactNode }) {
  const navId = useId();
  const [navOpen, setNavOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);

  // Closing the drawer hands focus back to the button that opened it.
  function closeNav() {
    setNavOpen(false);
    menuButtonRef.current?.focus();
  }

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          ref={menuButtonRef}
          type="button"
          className="topbar-button topbar-menu"
          aria-label="Open navigation"
          aria-expanded={navOpen}
          aria-controls={navId}
          onClick={() => setNavOpen(true)}
        >
          <Icon name="menu" />
        </button>
        <Link href="/" className="topbar-logo" aria-label="Stratus console home">
          <Logo />
        </Link>
        <ServiceSearch />
        <div className="topbar-end">
          <RegionSelector />
          <TeamSwitcher />
          <UserMenu />
        </div>
      </header>
      <div className="shell-body">
        <SideNav id={navId} open={navOpen} onClose={closeNav} onNavigate={() => setNavOpen(false)} />
        {navOpen && <div className="nav-backdrop" onClick={closeNav} aria-hidden="true" />}
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
