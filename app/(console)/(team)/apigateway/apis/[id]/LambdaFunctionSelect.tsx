"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FormField } from "../../../../../_components/FormField";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useTRPC } from "../../../../../_trpc/client";

interface LambdaFunctionSelectProps {
  /** The chosen function's ARN; empty for none. */
  value: string;
  onChange: (functionArn: string) => void;
  error?: string;
}

/** A choice of the team's functions in the console's region, by name (integrations and authorizers call one). */
export function LambdaFunctionSelect({ value, onChange, error }: LambdaFunctionSelectProps) {
  const trpc = useTRPC();
  const { region } = useConsole();
  const functions = useQuery(trpc.lambda.listFunctionSummaries.queryOptions());
  // A function the list doesn't hold (deleted since, or in another region) stays chosen as it is.
  const listed = functions.data?.some((fn) => fn.FunctionArn === value) ?? false;
  const none = functions.data?.length === 0;
  return (
    <FormField
      label="Lambda function"
      description={
        none ? (
          <>
            There are no functions in {region}. <Link href="/lambda/create">Create a function</Link>
          </>
        ) : (
          `A function in ${region}.`
        )
      }
      error={error}
    >
      {(control) => (
        <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{functions.isPending ? "Loading functions…" : "Choose a function"}</option>
          {value && !listed && <option value={value}>{value}</option>}
          {functions.data?.map((fn) => (
            <option key={fn.FunctionArn} value={fn.FunctionArn}>
              {fn.FunctionName}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
