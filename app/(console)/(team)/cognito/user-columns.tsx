import Link from "next/link";
import type { Column } from "../../../_components/DataTable";
import { userHref } from "./links";
import type { PoolUser } from "./use-pool";
import { attributeValue } from "./user-settings";
import { ConfirmationStatus, EnabledStatus } from "./UserStatus";

/** The columns every list of a pool's users shows: the pool's users, a group's members. */
export function userColumns(poolId: string): Column<PoolUser>[] {
  return [
    {
      header: "User name",
      cell: (u) => (
        <Link href={userHref(poolId, u.Username)} className="break-all">
          {u.Username}
        </Link>
      ),
    },
    { header: "Email address", cell: (u) => attributeValue(u.Attributes, "email") ?? "–" },
    { header: "Email verified", cell: (u) => (attributeValue(u.Attributes, "email_verified") === "true" ? "Yes" : "No"), nowrap: true },
    { header: "Confirmation status", cell: (u) => <ConfirmationStatus status={u.UserStatus} />, nowrap: true },
    { header: "Status", cell: (u) => <EnabledStatus enabled={u.Enabled} />, nowrap: true },
  ];
}
