import type { ReactNode } from "react";

/** Label/value pairs in responsive columns, like the AWS console's details panels. */
export function KeyValueGrid({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <dl className="kv-grid" aria-label={label}>
      {children}
    </dl>
  );
}

export function KeyValue({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
