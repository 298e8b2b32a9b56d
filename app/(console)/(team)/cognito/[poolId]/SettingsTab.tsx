"use client";

import type { UserPool } from "../use-pool";
import { ToggleSettingPanel } from "./PoolSettings";

/** Settings of the pool itself: for now, whether it may be deleted. */
export function SettingsTab({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  return (
    <ToggleSettingPanel
      pool={pool}
      canChange={canChange}
      title="Deletion protection"
      description="While it is active, Cognito refuses to delete the pool."
      setting="Deletion protection"
      states={{ on: "Active", off: "Inactive" }}
      label="Activate deletion protection"
      on={pool.DeletionProtection === "ACTIVE"}
      changes={(on) => ({ DeletionProtection: on ? "ACTIVE" : "INACTIVE" })}
    />
  );
}
