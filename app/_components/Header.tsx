"use client";

import { useId, useState, type ReactNode } from "react";

interface HeaderProps {
  variant: "page" | "container";
  title: string;
  /** E.g. the number of rows in a table, shown as "(3)". */
  counter?: number;
  description?: ReactNode;
  /** Help text revealed by the "Info" link, like the console's help panel. */
  info?: ReactNode;
  actions?: ReactNode;
  id?: string;
}

/** The console's heading block: title, optional "Info" help, description and actions on the right. */
export function Header({ variant, title, counter, description, info, actions, id }: HeaderProps) {
  const [showInfo, setShowInfo] = useState(false);
  const infoId = useId();
  const Heading = variant === "page" ? "h1" : "h2";
  return (
    <div className={`header header-${variant}`}>
      <div className="header-main">
        <div className="header-title-row">
          <Heading id={id} className="header-title">
            {title}
            {counter !== undefined && <span className="header-counter"> ({counter})</span>}
          </Heading>
          {info && (
            <button
              type="button"
              className="info-link"
              aria-expanded={showInfo}
              aria-controls={infoId}
              aria-label={`Info: ${title}`}
              onClick={() => setShowInfo((v) => !v)}
            >
              Info
            </button>
          )}
        </div>
        {description && <p className="header-description">{description}</p>}
        {info && showInfo && (
          <div id={infoId} className="help-panel">
            {info}
          </div>
        )}
      </div>
      {actions && <div className="header-actions">{actions}</div>}
    </div>
  );
}
