import type { ReactNode } from "react";
import { Icon } from "./Icon";

type AlertType = "error" | "success" | "info" | "warning";

const ICONS = { error: "error", success: "success", info: "info", warning: "warning" } as const;

export function Alert({ type, title, action, children }: { type: AlertType; title?: string; action?: ReactNode; children?: ReactNode }) {
  // Errors interrupt (role=alert); confirmations are announced politely.
  const role = type === "error" ? "alert" : "status";
  return (
    <div className={`alert alert-${type}`} role={role}>
      <Icon name={ICONS[type]} className="alert-icon" />
      <div className="alert-content">
        {title && <p className="alert-title">{title}</p>}
        {children}
      </div>
      {action && <div className="alert-action">{action}</div>}
    </div>
  );
}
