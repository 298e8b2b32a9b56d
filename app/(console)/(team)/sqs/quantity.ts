/** Durations and sizes as the AWS console edits them: a whole number and a unit, checked against a range. */

export interface Unit {
  id: string;
  /** Singular and plural names, e.g. ["second", "seconds"]. */
  names: readonly [string, string];
  factor: number;
}

export const SECONDS: Unit = { id: "seconds", names: ["second", "seconds"], factor: 1 };
export const MINUTES: Unit = { id: "minutes", names: ["minute", "minutes"], factor: 60 };
export const HOURS: Unit = { id: "hours", names: ["hour", "hours"], factor: 3600 };
export const DAYS: Unit = { id: "days", names: ["day", "days"], factor: 86_400 };
export const BYTES: Unit = { id: "bytes", names: ["byte", "bytes"], factor: 1 };
export const KIB: Unit = { id: "KB", names: ["KB", "KB"], factor: 1024 };

export interface QuantitySpec {
  label: string;
  units: readonly Unit[];
  /** Inclusive range in base units (seconds, bytes). */
  min: number;
  max: number;
}

export interface Quantity {
  value: string;
  unit: string;
}

export function describe(amount: number, units: readonly Unit[]): string {
  const unit = [...units].reverse().find((u) => amount !== 0 && amount % u.factor === 0) ?? units[0]!;
  const n = amount / unit.factor;
  return `${n} ${n === 1 ? unit.names[0] : unit.names[1]}`;
}

/** The largest unit that shows `amount` as a whole number. */
export function toQuantity(amount: number, spec: QuantitySpec): Quantity {
  const unit = [...spec.units].reverse().find((u) => amount !== 0 && amount % u.factor === 0) ?? spec.units[0]!;
  return { value: String(amount / unit.factor), unit: unit.id };
}

/** The amount in base units, or the error to show under the field. */
export function parseQuantity(quantity: Quantity, spec: QuantitySpec): { amount: number } | { error: string } {
  const unit = spec.units.find((u) => u.id === quantity.unit) ?? spec.units[0]!;
  const text = quantity.value.trim();
  const range = `${spec.label} must be between ${describe(spec.min, spec.units)} and ${describe(spec.max, spec.units)}.`;
  if (text === "") return { error: `Enter a value. ${range}` };
  if (!/^\d+$/.test(text)) return { error: `Enter a whole number. ${range}` };
  const amount = Number(text) * unit.factor;
  if (amount < spec.min || amount > spec.max) return { error: range };
  return { amount };
}
