import { FormField } from "../../../_components/FormField";
import { RUNTIMES, runtimeInfo, SUPPORTED_RUNTIMES, type Runtime } from "./runtimes";

interface RuntimeSelectProps {
  value: string;
  onChange: (runtime: Runtime) => void;
  disabled?: boolean;
  error?: string;
}

/** The runtimes Stratus runs, each saying which program on this server serves it. */
export function RuntimeSelect({ value, onChange, disabled, error }: RuntimeSelectProps) {
  return (
    <FormField label="Runtime" description={runtimeInfo(value)?.servedBy ?? "Not a runtime Stratus runs: choose one of the list."} error={error}>
      {(control) => (
        <select {...control} className="select" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Runtime)}>
          {!runtimeInfo(value) && <option value={value}>{value}</option>}
          {SUPPORTED_RUNTIMES.map((r) => (
            <option key={r} value={r}>
              {RUNTIMES[r].label} ({r})
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
