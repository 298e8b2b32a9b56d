"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import { decodeDocument } from "./documents";

/** A role or user: IAM's two identities that policies attach to, with the same calls named for each. */
export interface IamEntity {
  type: "role" | "user";
  name: string;
}

/** The entity's attached managed policies (ARN and name). */
export function useAttachedPolicies({ type, name }: IamEntity) {
  const trpc = useTRPC();
  return useQuery(
    type === "role"
      ? trpc.iam.listAttachedRolePolicies.queryOptions({ RoleName: name }, { select: (data) => data.AttachedPolicies })
      : trpc.iam.listAttachedUserPolicies.queryOptions({ UserName: name }, { select: (data) => data.AttachedPolicies }),
  );
}

/** The names of the entity's inline policies. */
export function useInlinePolicyNames({ type, name }: IamEntity) {
  const trpc = useTRPC();
  return useQuery(
    type === "role"
      ? trpc.iam.listRolePolicies.queryOptions({ RoleName: name }, { select: (data) => data.PolicyNames })
      : trpc.iam.listUserPolicies.queryOptions({ UserName: name }, { select: (data) => data.PolicyNames }),
  );
}

/** One inline policy's document, decoded for the editor; nothing is read while `policyName` is null. */
export function useInlinePolicyDocument({ type, name }: IamEntity, policyName: string | null) {
  const trpc = useTRPC();
  const enabled = policyName !== null;
  const PolicyName = policyName ?? "";
  return useQuery(
    type === "role"
      ? trpc.iam.getRolePolicy.queryOptions({ RoleName: name, PolicyName }, { enabled, select: (data) => decodeDocument(data.PolicyDocument) })
      : trpc.iam.getUserPolicy.queryOptions({ UserName: name, PolicyName }, { enabled, select: (data) => decodeDocument(data.PolicyDocument) }),
  );
}

/** The entity's policy changes: Attach/Detach…Policy and Put/Delete…Policy for its type. */
export function useEntityPolicyCalls({ type, name }: IamEntity) {
  const { iam } = useTRPCClient();
  const role = type === "role";
  return {
    attach: (PolicyArn: string) => (role ? iam.attachRolePolicy.mutate({ RoleName: name, PolicyArn }) : iam.attachUserPolicy.mutate({ UserName: name, PolicyArn })),
    detach: (PolicyArn: string) => (role ? iam.detachRolePolicy.mutate({ RoleName: name, PolicyArn }) : iam.detachUserPolicy.mutate({ UserName: name, PolicyArn })),
    putInline: (PolicyName: string, PolicyDocument: string) =>
      role ? iam.putRolePolicy.mutate({ RoleName: name, PolicyName, PolicyDocument }) : iam.putUserPolicy.mutate({ UserName: name, PolicyName, PolicyDocument }),
    deleteInline: (PolicyName: string) => (role ? iam.deleteRolePolicy.mutate({ RoleName: name, PolicyName }) : iam.deleteUserPolicy.mutate({ UserName: name, PolicyName })),
  };
}
