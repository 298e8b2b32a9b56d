"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface TabDefinition {
  id: string;
  label: string;
  /** Rendered only while the tab is selected, so a tab's queries start when it is opened. */
  content: ReactNode;
  /**
   * Once opened, the panel stays mounted (hidden) while another tab is selected, so what it holds
   * survives a switch: an editor's undeployed changes, a test's result.
   */
  keepMounted?: boolean;
}

interface TabsProps {
  /** Names the tab list, e.g. "Queue details". */
  label: string;
  tabs: TabDefinition[];
  /** The tab selected at first; the first one when omitted. */
  initialTab?: string;
  /** Called with the tab the user selects, e.g. to keep it in the address. */
  onChange?: (id: string) => void;
}

/**
 * The console's tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys, Home and End move between
 * tabs and select them, Tab moves on into the panel.
 */
export function Tabs({ label, tabs, initialTab, onChange }: TabsProps) {
  const baseId = useId();
  const [selected, setSelected] = useState(initialTab ?? tabs[0]?.id);
  // Tabs opened so far: the ones that keep their panel mounted stay rendered once in this set.
  const [opened, setOpened] = useState<ReadonlySet<string | undefined>>(() => new Set([selected]));
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];

  function choose(id: string) {
    setSelected(id);
    setOpened((all) => (all.has(id) ? all : new Set([...all, id])));
    if (id !== current?.id) onChange?.(id);
  }

  function select(index: number) {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    choose(tab.id);
    buttons.current.get(tab.id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next);
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs-list">
        {tabs.map((tab, index) => {
          const active = tab.id === current?.id;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) buttons.current.set(tab.id, el);
                else buttons.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`${baseId}-panel-${tab.id}`}
              tabIndex={active ? 0 : -1}
              className="tab"
              onClick={() => choose(tab.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) =>
        tab.id === current?.id || (tab.keepMounted && opened.has(tab.id)) ? (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${baseId}-panel-${tab.id}`}
            aria-labelledby={`${baseId}-tab-${tab.id}`}
            className="tabs-panel"
            hidden={tab.id !== current?.id}
          >
            {tab.content}
          </div>
        ) : null,
      )}
    </div>
  );
}
