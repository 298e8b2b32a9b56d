"use client";

import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { FormModal } from "../../../../../_components/FormModal";
import { useUpdateConfiguration } from "../../use-function";

interface Variable {
  key: string;
  value: string;
}

/** AWS's rule for variable names: a letter, then letters, digits and underscores. */
const KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;

function rowErrors(rows: readonly Variable[]): (string | undefined)[] {
  return rows.map((row, i) => {
    if (!KEY.test(row.key)) return "Keys start with a letter and have at least 2 letters, numbers or underscores (_).";
    if (rows.findIndex((r) => r.key === row.key) !== i) return `The key ${row.key} is used twice.`;
    return undefined;
  });
}

/** The function's environment variables as editable rows, saved whole with UpdateFunctionConfiguration. */
export function EnvironmentModal({ name, variables, onClose }: { name: string; variables: Variable[]; onClose: () => void }) {
  const save = useUpdateConfiguration(name, onClose);
  const [rows, setRows] = useState<Variable[]>(variables);
  const [submitted, setSubmitted] = useState(false);
  const errors = submitted ? rowErrors(rows) : [];
  const change = (index: number, patch: Partial<Variable>) => setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  function submit() {
    setSubmitted(true);
    if (rowErrors(rows).some(Boolean)) return;
    save.mutate({ FunctionName: name, Environment: { Variables: Object.fromEntries(rows.map((r) => [r.key, r.value])) } });
  }

  return (
    <FormModal title="Edit environment variables" pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <p className="form-description">Up to 4 KB in all. Names Lambda sets itself (AWS_REGION, _HANDLER…) are reserved.</p>
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Environment variables to save">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <td>
                    <input
                      className="input"
                      aria-label={`Environment variable ${i + 1} key`}
                      aria-invalid={errors[i] ? true : undefined}
                      value={row.key}
                      spellCheck={false}
                      onChange={(e) => change(i, { key: e.target.value.trim() })}
                    />
                    {errors[i] && <p className="form-error">{errors[i]}</p>}
                  </td>
                  <td>
                    <input className="input" aria-label={`Environment variable ${i + 1} value`} value={row.value} spellCheck={false} onChange={(e) => change(i, { value: e.target.value })} />
                  </td>
                  <td>
                    <Button aria-label={`Remove environment variable ${i + 1}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <Button onClick={() => setRows((all) => [...all, { key: "", value: "" }])}>Add environment variable</Button>
      </div>
    </FormModal>
  );
}
