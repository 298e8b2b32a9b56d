import { StatusIndicator } from "../../../_components/StatusIndicator";

/** A stream's or consumer's status as the AWS console shows it: ACTIVE → "Active". */
export function ResourceStatus({ status }: { status: string }) {
  const label = status.charAt(0) + status.slice(1).toLowerCase();
  return <StatusIndicator type={status === "ACTIVE" ? "success" : "stopped"}>{label}</StatusIndicator>;
}
