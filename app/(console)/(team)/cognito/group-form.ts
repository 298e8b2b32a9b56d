/** Groups as the console creates and edits them: CreateGroup's and UpdateGroup's members. */
import type { RouterInputs } from "../../../_trpc/types";
import type { Group } from "./use-pool";

export interface GroupForm {
  name: string;
  description: string;
  /** A whole number; lower wins when a user's groups name different roles. Empty for none. */
  precedence: string;
  roleArn: string;
}

export const NEW_GROUP_FORM: GroupForm = { name: "", description: "", precedence: "", roleArn: "" };

export function groupForm(group: Group): GroupForm {
  return { name: group.GroupName, description: group.Description ?? "", precedence: group.Precedence?.toString() ?? "", roleArn: group.RoleArn ?? "" };
}

export function groupErrors(form: GroupForm) {
  return {
    name: !form.name ? "Enter a name." : form.name.length > 128 || /\s/.test(form.name) ? "Up to 128 characters, without spaces." : undefined,
    precedence: form.precedence && !/^\d+$/.test(form.precedence) ? "Enter a whole number, 0 or more." : undefined,
    roleArn: form.roleArn && !/^arn:aws:iam::\d{12}:role\/\S+$/.test(form.roleArn) ? "Enter an IAM role ARN, e.g. arn:aws:iam::123456789012:role/Admins." : undefined,
  };
}

export function groupInput(poolId: string, form: GroupForm): RouterInputs["cognito"]["createGroup"] {
  return {
    UserPoolId: poolId,
    GroupName: form.name,
    ...(form.description.trim() && { Description: form.description.trim() }),
    ...(form.precedence && { Precedence: Number(form.precedence) }),
    ...(form.roleArn && { RoleArn: form.roleArn }),
  };
}
