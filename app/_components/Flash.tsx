"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "./Alert";
import { Icon } from "./Icon";

/** A dismissible success message at the top of a page, shown while `message` is set. */
export function Flash({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (message === null) return null;
  const dismiss = (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
      <Icon name="close" />
    </button>
  );
  return (
    <Alert type="success" action={dismiss}>
      {message}
    </Alert>
  );
}

/**
 * The success message of a detail page its create form sent the user to with ?created=1. The flag
 * only carries the message: the address drops it at once, so a reload or a shared link doesn't repeat it.
 */
export function useCreatedFlash(justCreated: boolean, message: string, href: string) {
  const router = useRouter();
  const [flash, setFlash] = useState<string | null>(justCreated ? message : null);
  useEffect(() => {
    if (justCreated) router.replace(href, { scroll: false });
  }, [justCreated, href, router]);
  return [flash, setFlash] as const;
}
