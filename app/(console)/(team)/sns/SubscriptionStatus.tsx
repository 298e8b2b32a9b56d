import { StatusIndicator } from "../../../_components/StatusIndicator";

/** A subscription's state, in the AWS console's words. */
export function SubscriptionStatus({ pending }: { pending: boolean }) {
  return pending ? <StatusIndicator type="stopped">Pending confirmation</StatusIndicator> : <StatusIndicator type="success">Confirmed</StatusIndicator>;
}
