import type { ReactNode } from "react";
import { Icon } from "./Icon";

type Status = "success" | "error" | "stopped";

export function StatusIndicator({ type, children }: { type: Status; children: ReactNode }) {
  return (
    <span className={`status status-${type}`}>
      <Icon name={type} size={14} />
      {children}
    </span>
  );
}
