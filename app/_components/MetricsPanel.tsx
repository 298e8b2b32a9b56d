"use client";

import { type ReactNode, useState } from "react";
import { Container } from "./Container";
import { FormField } from "./FormField";

const RANGES = [
  { minutes: 60, label: "1 hour" },
  { minutes: 180, label: "3 hours" },
  { minutes: 720, label: "12 hours" },
  { minutes: 1440, label: "1 day" },
];

/** A "Monitoring" container with a time-range selector; `children` draws the charts for the chosen range. */
export function MetricsPanel({ description, children }: { description: string; children: (minutes: number) => ReactNode }) {
  const [minutes, setMinutes] = useState(60);
  return (
    <Container
      title="Monitoring"
      description={description}
      actions={
        <FormField label="Time range">
          {(control) => (
            <select {...control} className="select select-compact" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {RANGES.map((r) => (
                <option key={r.minutes} value={r.minutes}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      }
    >
      {children(minutes)}
    </Container>
  );
}
