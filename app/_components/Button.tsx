import Link from "next/link";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Icon } from "./Icon";
import { Spinner } from "./Spinner";

type Variant = "primary" | "normal" | "link" | "danger";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows a spinner and blocks a second submit while a call is in flight. */
  loading?: boolean;
}

export function Button({ variant = "normal", loading = false, disabled, type = "button", className, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={["btn", `btn-${variant}`, className].filter(Boolean).join(" ")}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading && <Spinner />}
      {children}
    </button>
  );
}

/** A link styled as a button. A link can't be disabled: `disabled` draws a disabled button instead (a viewer's "Create …"). */
export function ButtonLink({ href, variant = "normal", disabled = false, children }: { href: string; variant?: Variant; disabled?: boolean; children: ReactNode }) {
  if (disabled) {
    return (
      <Button variant={variant} disabled>
        {children}
      </Button>
    );
  }
  return (
    <Link href={href} className={`btn btn-${variant}`}>
      {children}
    </Link>
  );
}

/** The icon button above a list that reads it again; it spins while a refetch runs. */
export function RefreshButton({ label, refreshing, onRefresh }: { label: string; refreshing: boolean; onRefresh: () => void }) {
  return (
    <Button className="btn-icon" aria-label={label} loading={refreshing} onClick={onRefresh}>
      {!refreshing && <Icon name="refresh" size={14} />}
    </Button>
  );
}
