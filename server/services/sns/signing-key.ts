/**
 * The installation's SNS signing key. It lives in Postgres so every process on every machine signs with
 * the same key and the gateway can serve its certificate; the first process to need it creates it.
 */
import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { publicGatewayUrl } from "../../env";
import type { Db } from "../../db/client";
import { generateSigningKey } from "./signing";

const KEY_ID = "default";
/** Where the gateway serves certificates: `<gateway>/_stratus/sns/<file>`. */
export const CERTIFICATE_PATH = "/_stratus/sns";

export interface SigningKey {
  privateKey: KeyObject;
  certificatePem: string;
  /** The certificate's file name, AWS-style: SimpleNotificationService-<hash>.pem */
  certificateFile: string;
}

let loaded: Promise<SigningKey> | undefined;

async function load(db: Db): Promise<SigningKey> {
  let row = await db.snsSigningKey.findUnique({ where: { id: KEY_ID } });
  if (!row) {
    const fresh = generateSigningKey("sns.stratus.local");
    // Processes racing to create it agree on whichever row landed first.
    await db.snsSigningKey.createMany({ data: [{ id: KEY_ID, ...fresh }], skipDuplicates: true });
    row = await db.snsSigningKey.findUniqueOrThrow({ where: { id: KEY_ID } });
  }
  const hash = createHash("sha256").update(row.certificatePem).digest("hex").slice(0, 32);
  return { privateKey: createPrivateKey(row.privateKeyPem), certificatePem: row.certificatePem, certificateFile: `SimpleNotificationService-${hash}.pem` };
}

export function signingKey(db: Db): Promise<SigningKey> {
  loaded ??= load(db).catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

export function signingCertUrl(key: SigningKey): string {
  return `${publicGatewayUrl()}${CERTIFICATE_PATH}/${key.certificateFile}`;
}

/** The links SNS puts in messages: unsigned GETs on the gateway that confirm or cancel a subscription. */
export function subscribeUrl(topicArn: string, token: string): string {
  return `${publicGatewayUrl()}/?${new URLSearchParams({ Action: "ConfirmSubscription", TopicArn: topicArn, Token: token })}`;
}

export function unsubscribeUrl(subscriptionArn: string): string {
  return `${publicGatewayUrl()}/?${new URLSearchParams({ Action: "Unsubscribe", SubscriptionArn: subscriptionArn })}`;
}
