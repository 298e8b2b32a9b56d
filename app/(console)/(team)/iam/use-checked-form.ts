"use client";

import { useState } from "react";
import { useFormSubmit } from "../../../_lib/use-form-submit";

/** A form's values and its own checks, whose errors show from the first submit on. */
export function useCheckedForm<Form, Errors extends object>(initial: Form, validate: (form: Form) => Errors) {
  const [form, setForm] = useState(initial);
  const errors = validate(form);
  const invalid = Object.values(errors).some(Boolean);
  const { submitted, handleSubmit } = useFormSubmit(invalid);
  const shown: Partial<Errors> = submitted ? errors : {};
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  return { form, setForm, set, shown, invalid, submitted, handleSubmit };
}
