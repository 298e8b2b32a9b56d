export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/** A placeholder for content that is still loading, announced to screen readers. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading-state" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
