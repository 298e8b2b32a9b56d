"use client";

import { useSession } from "next-auth/react";
import { Dropdown } from "../_components/Dropdown";
import { Icon } from "../_components/Icon";
import { signOutOfConsole } from "../_lib/sign-out";

export function UserMenu() {
  const { data: session } = useSession();
  const name = session?.user?.name ?? session?.user?.email ?? "Account";

  return (
    <Dropdown
      label={`User menu ${name}`}
      trigger={
        <span className="topbar-user">
          <Icon name="user" />
          <span className="topbar-user-name">{name}</span>
        </span>
      }
    >
      {() => (
        <>
          <div className="menu-identity">
            <p className="menu-identity-name">{session?.user?.name}</p>
            <p className="menu-item-meta">{session?.user?.email}</p>
          </div>
          <div className="menu-footer">
            <button type="button" className="menu-item" onClick={() => signOutOfConsole("/signin")}>
              Sign out
            </button>
          </div>
        </>
      )}
    </Dropdown>
  );
}
