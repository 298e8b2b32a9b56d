"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { Icon } from "../_components/Icon";
import { ACCOUNT_PAGES, SERVICES, type ConsolePage } from "../_lib/services";

type SearchEntry = ConsolePage & { available: boolean };

const ENTRIES: readonly SearchEntry[] = [...SERVICES, ...ACCOUNT_PAGES.map((p) => ({ ...p, available: true }))];

function matches(entry: SearchEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [entry.name, entry.description, entry.id].some((text) => text.toLowerCase().includes(q));
}

/** The top bar's service search: type to filter, arrows to choose, Enter to jump. */
export function ServiceSearch() {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(() => ENTRIES.filter((e) => matches(e, query)), [query]);

  function go(entry: SearchEntry | undefined) {
    if (!entry?.available) return;
    setOpen(false);
    setQuery("");
    router.push(entry.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setOpen(true);
        setActive((i) => (results.length ? (i + step + results.length) % results.length : 0));
        break;
      }
      case "Enter":
        event.preventDefault();
        // The highlighted entry if it can be opened, else the best match that can.
        go(results[active]?.available ? results[active] : results.find((e) => e.available));
        break;
      case "Escape":
        setOpen(false);
        setQuery("");
        break;
    }
  }

  const activeEntry = open ? results[active] : undefined;
  return (
    <div className="service-search">
      <Icon name="search" className="service-search-icon" />
      <input
        type="search"
        role="combobox"
        aria-label="Search services"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeEntry ? `${listId}-${activeEntry.id}` : undefined}
        placeholder="Search services"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Services" className="service-search-results">
          {results.length === 0 && <li className="service-search-none">No services match “{query}”</li>}
          {results.map((entry, i) => (
            <li
              key={entry.id}
              id={`${listId}-${entry.id}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={!entry.available}
              className="service-search-option"
              // Keeps focus in the input so the blur doesn't close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(entry)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="service-search-name">{entry.name}</span>
              <span className="service-search-hint">{entry.available ? entry.description : `${entry.description} · Not available yet`}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
