"use client";

import { useState } from "react";
import { ChoiceSelect } from "../../../_components/ChoiceSelect";
import { FormField } from "../../../_components/FormField";
import { FormModal } from "../../../_components/FormModal";
import { Checkbox } from "./Checkbox";
import { CUSTOM_NAME_RULE, customNameError, DATA_TYPES, type AttributeDataType, type CustomAttribute } from "./custom-attributes";

interface CustomAttributeModalProps {
  /** Attribute names already in use, with their `custom:` prefix. */
  taken: readonly string[];
  /** Adds the attribute: to the create form at once, or to the pool through AddCustomAttributes. */
  onAdd: (attribute: CustomAttribute) => void;
  pending?: boolean;
  error?: unknown;
  onClose: () => void;
}

/** One custom attribute: a name, a data type and whether users' values can change after sign-up. */
export function CustomAttributeModal({ taken, onAdd, pending = false, error = null, onClose }: CustomAttributeModalProps) {
  const [name, setName] = useState("");
  const [type, setType] = useState<AttributeDataType>("String");
  const [mutable, setMutable] = useState(true);
  const [checked, setChecked] = useState(false);
  const nameError = customNameError(name, taken);

  return (
    <FormModal
      title="Add custom attribute"
      submitLabel="Add"
      pending={pending}
      error={error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!nameError) onAdd({ Name: name, AttributeDataType: type, Mutable: mutable, Required: false });
      }}
    >
      <div className="stack">
        <FormField label="Name" constraint={CUSTOM_NAME_RULE} error={checked ? nameError : undefined}>
          {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value.trim())} />}
        </FormField>
        <ChoiceSelect label="Type" choices={DATA_TYPES} value={type} onChange={setType} />
        <Checkbox checked={mutable} onChange={setMutable}>Mutable: users and apps can change the value after sign-up</Checkbox>
      </div>
    </FormModal>
  );
}
