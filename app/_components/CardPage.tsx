import type { ReactNode } from "react";
import { Logo } from "./Logo";

/** A single card on a plain page, like AWS's sign-in: used outside the console shell. */
export function CardPage({ children }: { children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-logo">
        <Logo tone="dark" />
      </div>
      <main className="auth-card">{children}</main>
      <p className="auth-footer">Stratus: a self-hosted mini AWS</p>
    </div>
  );
}
