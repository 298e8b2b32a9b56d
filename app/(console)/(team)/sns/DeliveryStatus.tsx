import { StatusIndicator } from "../../../_components/StatusIndicator";

const STATUS: Record<string, { type: "success" | "error" | "stopped"; label: string }> = {
  delivered: { type: "success", label: "Delivered" },
  pending: { type: "stopped", label: "Pending" },
  failed: { type: "error", label: "Failed" },
  redriven: { type: "error", label: "Sent to dead-letter queue" },
};

export const DELIVERY_STATUSES = Object.keys(STATUS);

export function deliveryStatusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

/** A delivery's outcome in the delivery status log. */
export function DeliveryStatus({ status }: { status: string }) {
  const known = STATUS[status];
  return <StatusIndicator type={known?.type ?? "stopped"}>{known?.label ?? status}</StatusIndicator>;
}
