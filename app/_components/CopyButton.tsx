"use client";

import { useEffect, useId, useState } from "react";
import { Icon } from "./Icon";

type CopyState = "idle" | "copied" | "failed";

/** Copies `text` to the clipboard; the result is announced next to the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // The Clipboard API needs a secure context (https or localhost).
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <button type="button" className="btn btn-normal btn-small" onClick={copy} aria-label={label}>
        <Icon name="copy" size={14} />
        Copy
      </button>
      <span className="copy-status" role="status">
        {state === "copied" && "Copied"}
        {state === "failed" && "Copy failed: select the text and copy it"}
      </span>
    </span>
  );
}

/** A labelled read-only value (key, link) with a copy button; focusing it selects it all. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className="copy-field">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      <div className="copy-field-row">
        <input id={id} className="copy-field-value" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/** A multi-line snippet (shell commands, a response, a log) with a copy button, named by its label. */
export function CodeBlock({ label, code }: { label: string; code: string }) {
  const labelId = useId();
  return (
    <div className="code-block" role="group" aria-labelledby={labelId}>
      <div className="code-block-header">
        <span id={labelId}>{label}</span>
        <CopyButton text={code} label={`Copy ${label}`} />
      </div>
      <pre>
        <code>{code}</code>
      </pre>
    </div>
  );
}

/** A value in code type with a copy button beside it, e.g. an ARN or a URL in a details panel. */
export function CopyableCode({ text, label }: { text: string; label: string }) {
  return (
    <span className="value-with-copy">
      <code className="break-all">{text}</code>
      <CopyButton text={text} label={label} />
    </span>
  );
}
