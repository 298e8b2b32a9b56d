import { AwsError } from "../../errors";

/** Account/team errors use IAM's codes, since teams, users and keys are IAM concepts. */
export const AccountErrors = {
  emailTaken: () => new AwsError("EntityAlreadyExists", "An account with this email already exists.", 409),
  noSuchTeam: (accountId: string) => new AwsError("NoSuchEntity", `Team ${accountId} does not exist or you are not a member.`, 404),
  noSuchUser: () => new AwsError("NoSuchEntity", "That user is not a member of this team.", 404),
  noSuchKey: (accessKeyId: string) => new AwsError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`, 404),
  noSuchInvitation: () => new AwsError("NoSuchEntity", "This invitation does not exist.", 404),
  invitationClosed: (status: string) => new AwsError("InvalidInput", `This invitation is ${status}.`, 400),
  invitationEmailMismatch: (email: string) =>
    new AwsError("AccessDenied", `This invitation is for ${email}; sign in with that email to accept it.`, 403),
  alreadyMember: () => new AwsError("EntityAlreadyExists", "That user is already a member of this team.", 409),
  lastOwner: () => new AwsError("DeleteConflict", "A team must keep at least one owner: make someone else owner first.", 409),
  ownerOnly: () => new AwsError("AccessDenied", "Only an owner can grant, change or remove the owner role.", 403),
  tooManyKeys: () => new AwsError("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409),
  accountIdTaken: (accountId: string) => new AwsError("EntityAlreadyExists", `Account ${accountId} already exists.`, 409),
};
