/** FIFO topics only: deduplicate by the body's hash when a message has no deduplication ID. */
export function ContentDeduplicationField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="radio-label">Content-based message deduplication</span>
        <span className="radio-description">Use a SHA-256 hash of the message body as the deduplication ID when a message has none.</span>
      </span>
    </label>
  );
}
