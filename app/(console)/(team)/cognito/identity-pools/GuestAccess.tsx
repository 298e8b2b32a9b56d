import { StatusIndicator } from "../../../../_components/StatusIndicator";

/** Whether the pool gives guests (unauthenticated identities) credentials. */
export function GuestAccess({ allowed }: { allowed: boolean }) {
  return allowed ? <StatusIndicator type="success">Activated</StatusIndicator> : <StatusIndicator type="stopped">Inactive</StatusIndicator>;
}
