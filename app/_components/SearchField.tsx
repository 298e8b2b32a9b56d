import { Icon } from "./Icon";

interface SearchFieldProps {
  /** The input's accessible name, e.g. "Search functions". */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

/** The filter box above a table, inset in its container as on the AWS console. */
export function SearchField({ label, placeholder, value, onChange }: SearchFieldProps) {
  return (
    <div className="container-inset">
      <div className="search-field">
        <Icon name="search" className="search-field-icon" />
        <input type="search" className="input" aria-label={label} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
      </div>
    </div>
  );
}
