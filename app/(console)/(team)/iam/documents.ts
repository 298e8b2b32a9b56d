/** Policy documents as the IAM pages show and start them. */
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

/** Who may assume a role: a service, this account, or another account. */
export type TrustedEntity = { kind: "service"; service: string } | { kind: "account"; accountId: string };

/** The trust policy that lets `entity` assume the role (sts:AssumeRole). */
export function trustPolicyFor(entity: TrustedEntity): string {
  const principal = entity.kind === "service" ? { Service: entity.service } : { AWS: `arn:aws:iam::${entity.accountId}:root` };
  return json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
}
