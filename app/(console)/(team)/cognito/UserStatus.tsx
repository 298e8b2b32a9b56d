import { StatusIndicator } from "../../../_components/StatusIndicator";
import { userStatusLabel, type UserStatus } from "./user-settings";

/** Where the user is in sign-up: only confirmed users (and those of an external provider) sign in without a step in between. */
export function ConfirmationStatus({ status }: { status: UserStatus }) {
  return <StatusIndicator type={status === "CONFIRMED" || status === "EXTERNAL_PROVIDER" ? "success" : "stopped"}>{userStatusLabel(status)}</StatusIndicator>;
}

/** Whether the user may sign in at all (AdminEnableUser / AdminDisableUser). */
export function EnabledStatus({ enabled }: { enabled: boolean }) {
  return enabled ? <StatusIndicator type="success">Enabled</StatusIndicator> : <StatusIndicator type="stopped">Disabled</StatusIndicator>;
}
