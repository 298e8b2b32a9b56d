/**
 * The checks a subscriber makes of what SNS sends, written from AWS's documentation rather than with
 * the code under test.
 */
import assert from "node:assert/strict";
import { createVerify, X509Certificate } from "node:crypto";
import type { SnsHarness } from "./harness";

/**
 * A subscriber's signature check, from AWS's "Verifying the signatures of Amazon SNS messages": rebuild
 * the string to sign from the type's fields in byte order (Subject only when present), hash by
 * SignatureVersion, verify with the certificate's public key.
 */
export function verifiesAsTheDocsSay(message: Record<string, unknown>, certificatePem: string): boolean {
  const fields =
    message.Type === "Notification"
      ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  const canonical = fields
    .filter((name) => message[name] !== undefined && message[name] !== null)
    .map((name) => `${name}\n${String(message[name])}\n`)
    .join("");
  const algorithm = message.SignatureVersion === "2" ? "RSA-SHA256" : "RSA-SHA1";
  return createVerify(algorithm).update(canonical, "utf8").verify(new X509Certificate(certificatePem).publicKey, String(message.Signature), "base64");
}

/**
 * Asserts a signed document (a notification or Lambda's record of one) as its subscriber reads it:
 * exactly `fields` in that order, the `expected` values, and a signature that verifies with the
 * certificate its signing link names, downloaded as a subscriber would.
 */
export async function assertSignedDocument(
  h: Pick<SnsHarness, "certificate">,
  document: Record<string, unknown>,
  fields: readonly string[],
  expected: Record<string, unknown>,
): Promise<void> {
  assert.deepEqual(Object.keys(document), fields);
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((name) => [name, document[name]])), expected);
  // Lambda's record spells the link SigningCertUrl.
  const certificateUrl = document.SigningCertURL ?? document.SigningCertUrl;
  assert.ok(verifiesAsTheDocsSay(document, await h.certificate(String(certificateUrl))), "the signature verifies");
}
