import type { SelectHTMLAttributes } from "react";
import { TEAM_ROLES } from "~/server/services/accounts/roles";
import type { TeamRole } from "../_trpc/types";

interface RoleSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> {
  value: TeamRole;
  onChange: (role: TeamRole) => void;
}

export function RoleSelect({ value, onChange, className = "select", ...rest }: RoleSelectProps) {
  return (
    <select
      {...rest}
      className={className}
      value={value}
      onChange={(e) => {
        const role = TEAM_ROLES.find((r) => r === e.target.value);
        if (role) onChange(role);
      }}
    >
      {TEAM_ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
