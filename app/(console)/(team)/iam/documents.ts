/** Policy documents as the IAM pages show and start them. */
import { assumeRolePolicy } from "~/server/services/iam/trust-policies";
import { prettyPayload } from "../../../_lib/format";

/** IAM returns documents URL-encoded, as AWS does; this is the indented JSON to read or edit. */
export function decodeDocument(encoded: string): string {
  return prettyPayload(decodeURIComponent(encoded));
}

const json = (document: object) => JSON.stringify(document, null, 2);

/** A permissions policy to start from: one statement to fill in. */
export const PERMISSIONS_TEMPLATE = json({
  Version: "2012-10-17",
  Statement: [{ Sid: "Statement1", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["*"] }],
});

/** Who may assume a role: a service, this account, another account, or the users of an OpenID Connect provider for one of its audiences. */
export type TrustedEntity = { kind: "service"; service: string } | { kind: "account"; accountId: string } | { kind: "web"; providerArn: string; audience: string };

/** An OpenID Connect provider's name, as its ARN ends and its condition keys begin: its URL without the scheme. */
export const oidcProviderNameOf = (arn: string) => arn.slice(arn.indexOf(":oidc-provider/") + ":oidc-provider/".length);

/** The trust policy that lets `entity` assume the role: sts:AssumeRole, or sts:AssumeRoleWithWebIdentity for tokens issued to the audience. */
export function trustPolicyFor(entity: TrustedEntity): string {
  if (entity.kind === "web") {
    const statement = {
      Effect: "Allow",
      Principal: { Federated: entity.providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${oidcProviderNameOf(entity.providerArn)}:aud`]: entity.audience } },
    };
    return json({ Version: "2012-10-17", Statement: [statement] });
  }
  return json(assumeRolePolicy(entity.kind === "service" ? { Service: entity.service } : { AWS: `arn:aws:iam::${entity.accountId}:root` }));
}
