import { RETENTION_DAYS } from "~/server/services/logs/limits";
import { FormField } from "../../../_components/FormField";

const NAMED: Record<number, string> = {
  7: "1 week",
  14: "2 weeks",
  30: "1 month",
  60: "2 months",
  90: "3 months",
  120: "4 months",
  150: "5 months",
  180: "6 months",
  365: "12 months",
  400: "13 months",
  545: "18 months",
  731: "2 years",
  1096: "3 years",
  1827: "5 years",
  2192: "6 years",
  2557: "7 years",
  2922: "8 years",
  3288: "9 years",
  3653: "10 years",
};

/** "Never expire", "1 day", "3 months"…: retention as the CloudWatch console names it. */
export function formatRetention(days: number | undefined | null): string {
  if (days === undefined || days === null) return "Never expire";
  return NAMED[days] ?? `${days} ${days === 1 ? "day" : "days"}`;
}

/** The retention periods PutRetentionPolicy accepts, with "Never expire" (DeleteRetentionPolicy) first. */
export function RetentionSelect({ value, onChange }: { value: number | null; onChange: (days: number | null) => void }) {
  return (
    <FormField label="Retention setting" description="How long the group keeps events; older ones are deleted.">
      {(control) => (
        <select {...control} className="select" value={value ?? ""} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Never expire</option>
          {RETENTION_DAYS.map((d) => (
            <option key={d} value={d}>
              {formatRetention(d)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
