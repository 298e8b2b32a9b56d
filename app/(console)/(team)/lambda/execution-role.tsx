"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { FormField } from "../../../_components/FormField";
import { useTRPC } from "../../../_trpc/client";
import { trustPolicyFor } from "../iam/documents";

const BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/** The name the console gives a function's new role, as AWS's does: `{function}-role-{8 random characters}`. */
export function newRoleName(functionName: string): string {
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
  return `${functionName.slice(0, 64 - 14)}-role-${suffix}`;
}

/**
 * "Create a new role with basic Lambda permissions", as the AWS console does it: a role under /service-role/
 * that Lambda may assume, with AWSLambdaBasicExecutionRole attached. Answers the role's ARN.
 */
export function useCreateExecutionRole() {
  const trpc = useTRPC();
  const createRole = useMutation(trpc.iam.createRole.mutationOptions());
  const attach = useMutation(trpc.iam.attachRolePolicy.mutationOptions());
  return {
    isPending: createRole.isPending || attach.isPending,
    async create(functionName: string): Promise<string> {
      const RoleName = newRoleName(functionName);
      const { Role } = await createRole.mutateAsync({
        RoleName,
        Path: "/service-role/",
        AssumeRolePolicyDocument: trustPolicyFor({ kind: "service", service: "lambda.amazonaws.com" }),
        Description: `Execution role of the Lambda function ${functionName}`,
      });
      await attach.mutateAsync({ RoleName, PolicyArn: BASIC_EXECUTION });
      return Role.Arn;
    },
  };
}

/** The execution role ARN, typed or picked from the account's roles. */
export function ExecutionRoleField({ value, error, onChange }: { value: string; error?: string; onChange: (arn: string) => void }) {
  const trpc = useTRPC();
  const suggestionsId = useId();
  const roles = useQuery(trpc.iam.listRoles.queryOptions({}, { select: (data) => data.Roles.map((role) => role.Arn) }));
  return (
    <FormField
      label="Execution role ARN"
      description="The role the function's code acts as: its AWS SDK calls get this role's temporary credentials. Lambda must be allowed to assume it."
      error={error}
    >
      {(control) => (
        <>
          <input {...control} className="input" list={suggestionsId} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
          <datalist id={suggestionsId}>
            {roles.data?.map((arn) => (
              <option key={arn} value={arn} />
            ))}
          </datalist>
        </>
      )}
    </FormField>
  );
}
