"use client";

import { useState } from "react";
import { FormField, type ControlProps } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { ExecutionRoleField } from "../../execution-role";
import { checkHandler, checkRoleArn, checkWhole } from "../../function-rules";
import { RuntimeSelect } from "../../RuntimeSelect";
import { useUpdateConfiguration, type FunctionConfiguration } from "../../use-function";

interface GeneralForm {
  description: string;
  memory: string;
  storage: string;
  timeout: string;
  runtime: string;
  handler: string;
  role: string;
}

function validate(form: GeneralForm) {
  return {
    description: form.description.length > 256 ? "The description can have up to 256 characters." : undefined,
    memory: checkWhole(form.memory, 128, 10_240, "Memory"),
    storage: checkWhole(form.storage, 512, 10_240, "Ephemeral storage"),
    timeout: checkWhole(form.timeout, 1, 900, "Timeout"),
    handler: checkHandler(form.handler),
    role: checkRoleArn(form.role),
  };
}

/** Memory, storage, timeout, runtime, handler, role and description, saved with UpdateFunctionConfiguration. */
export function GeneralSettingsModal({ config, onClose }: { config: FunctionConfiguration; onClose: () => void }) {
  const save = useUpdateConfiguration(config.FunctionName, onClose);
  const [form, setForm] = useState<GeneralForm>({
    description: config.Description,
    memory: String(config.MemorySize),
    storage: String(config.EphemeralStorage.Size),
    timeout: String(config.Timeout),
    runtime: config.Runtime,
    handler: config.Handler,
    role: config.Role,
  });
  const [submitted, setSubmitted] = useState(false);
  const errors = validate(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = (change: Partial<GeneralForm>) => setForm((f) => ({ ...f, ...change }));
  // A text input bound to one field, as FormField's child.
  const text = (key: keyof GeneralForm, numeric = false) =>
    function FieldInput(control: ControlProps) {
      return <input {...control} className="input" inputMode={numeric ? "numeric" : undefined} spellCheck={false} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} />;
    };

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    save.mutate({
      FunctionName: config.FunctionName,
      Description: form.description,
      MemorySize: Number(form.memory),
      EphemeralStorage: { Size: Number(form.storage) },
      Timeout: Number(form.timeout),
      Runtime: form.runtime,
      Handler: form.handler.trim(),
      Role: form.role.trim(),
    });
  }

  return (
    <FormModal title="Edit basic settings" pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <FormField label="Description" description="Optional." error={shown.description}>
        {text("description")}
      </FormField>
      <div className="form-grid">
        <FormField label="Memory (MB)" description="128 MB to 10,240 MB. Node's heap and Python's address space are limited to it." error={shown.memory}>
          {text("memory", true)}
        </FormField>
        <FormField label="Ephemeral storage (MB)" description="512 MB to 10,240 MB of /tmp per execution context." error={shown.storage}>
          {text("storage", true)}
        </FormField>
        <FormField label="Timeout (seconds)" description="1 to 900 seconds. An invocation running longer is stopped." error={shown.timeout}>
          {text("timeout", true)}
        </FormField>
        <RuntimeSelect value={form.runtime} onChange={(runtime) => set({ runtime })} />
        <FormField label="Handler" error={shown.handler}>
          {text("handler")}
        </FormField>
      </div>
      <ExecutionRoleField value={form.role} error={shown.role} onChange={(role) => set({ role })} />
    </FormModal>
  );
}
