/** The Stratus wordmark: a cloud layer over the name. */
export function Logo({ tone = "light" }: { tone?: "light" | "dark" }) {
  return (
    <span className={`logo logo-${tone}`}>
      <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
        <path d="M7 18h15a5 5 0 0 0 .6-9.96A7.5 7.5 0 0 0 8.3 6.1 6 6 0 0 0 7 18z" fill="#ff9900" />
        <path d="M3 18h22" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span className="logo-text">stratus</span>
    </span>
  );
}
