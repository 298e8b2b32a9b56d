"use client";

import { useState, type FormEvent } from "react";

/**
 * Submitting a form that checks itself: its errors show from the first attempt on, and an attempt
 * while `invalid` moves focus to the first invalid field instead of sending.
 */
export function useFormSubmit(invalid: boolean) {
  const [submitted, setSubmitted] = useState(false);

  /** The form's onSubmit: `send` runs only when nothing is invalid. */
  function handleSubmit(send: () => void) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setSubmitted(true);
      if (invalid) {
        const form = event.currentTarget;
        // The next frame, once the error messages (and aria-invalid) have rendered.
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        return;
      }
      send();
    };
  }

  return { submitted, setSubmitted, handleSubmit };
}
