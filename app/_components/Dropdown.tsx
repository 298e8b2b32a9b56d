"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Icon } from "./Icon";

interface DropdownProps {
  /** Accessible name of the trigger; should start with its visible text. */
  label: string;
  trigger: ReactNode;
  className?: string;
  align?: "start" | "end";
  children: (close: () => void) => ReactNode;
}

/**
 * A disclosure menu for the top bar: Escape or a click outside closes it and focus
 * goes back to the trigger, so the panel stays usable from the keyboard.
 */
export function Dropdown({ label, trigger, className, align = "end", children }: DropdownProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const close = () => setOpen(false);

  return (
    <div className={["dropdown", className].filter(Boolean).join(" ")} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="topbar-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        {trigger}
        <Icon name="caretDown" size={12} className="dropdown-caret" />
      </button>
      {open && (
        <div id={panelId} className={`dropdown-panel dropdown-panel-${align}`}>
          {children(close)}
        </div>
      )}
    </div>
  );
}

interface MenuOptionProps {
  label: string;
  meta: ReactNode;
  current: boolean;
  onSelect: () => void;
}

/** One choice in a dropdown list (a region, a team); the current one is marked. */
export function MenuOption({ label, meta, current, onSelect }: MenuOptionProps) {
  return (
    <li>
      <button type="button" className="menu-item" aria-current={current || undefined} onClick={onSelect}>
        <span>{label}</span>
        <span className="menu-item-meta">{meta}</span>
      </button>
    </li>
  );
}
