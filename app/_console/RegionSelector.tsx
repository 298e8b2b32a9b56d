"use client";

import { Dropdown, MenuOption } from "../_components/Dropdown";
import { REGIONS } from "../_lib/regions";
import { useConsole } from "./ConsoleContext";

export function RegionSelector() {
  const { region, switchRegion } = useConsole();
  return (
    <Dropdown label={`Region ${region}`} trigger={<span className="topbar-region">{region}</span>}>
      {(close) => (
        <ul className="menu-list" aria-label="Regions">
          {REGIONS.map((r) => (
            <MenuOption
              key={r.code}
              label={r.name}
              meta={r.code}
              current={r.code === region}
              onSelect={() => {
                if (r.code !== region) switchRegion(r.code);
                close();
              }}
            />
          ))}
        </ul>
      )}
    </Dropdown>
  );
}
