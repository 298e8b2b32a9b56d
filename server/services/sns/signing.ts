// SNS message signatures: the signing certificate, AWS's string to sign, and the signature itself.
import { createSign, createVerify, type KeyObject, randomBytes, X509Certificate } from "node:crypto";
import forge from "node-forge";

export type SignatureVersion = "1" | "2";

/** The fields AWS signs, by message type (the envelopes carry more, which the signature ignores). */
export type SignableMessage =
  | {
      Type: "Notification";
      Message: string;
      MessageId: string;
      // null is how Lambda events say "no subject"; both mean "leave it out of the string to sign".
      Subject?: string | null;
      Timestamp: string;
      TopicArn: string;
    }
  | {
      Type: "SubscriptionConfirmation" | "UnsubscribeConfirmation";
      Message: string;
      MessageId: string;
      SubscribeURL: string;
      Timestamp: string;
      Token: string;
      TopicArn: string;
    };

export type SignedMessage = SignableMessage & { SignatureVersion: string; Signature: string };

const CERTIFICATE_VALIDITY_YEARS = 10;

// SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA (PKCS#1 v1.5 both).
const SIGNATURE_ALGORITHMS: Readonly<Record<SignatureVersion, string>> = { "1": "RSA-SHA1", "2": "RSA-SHA256" };

function isSignatureVersion(value: string): value is SignatureVersion {
  return Object.hasOwn(SIGNATURE_ALGORITHMS, value);
}

/**
 * A 2048-bit RSA key and a self-signed certificate for it, the stand-in for the certificate behind AWS's
 * SigningCertURL. node-forge builds the certificate in JavaScript, so no openssl binary is needed (it takes
 * the key pair from Node's crypto when available, which keeps this fast).
 */
export function generateSigningKey(commonName: string): { privateKeyPem: string; certificatePem: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = positiveSerialNumber();
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_VALIDITY_YEARS);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const name = [{ name: "commonName", value: commonName }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return { privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey), certificatePem: forge.pki.certificateToPem(certificate) };
}

// X.509 serial numbers are positive DER integers: clear the top bit so the first byte doesn't read as a sign.
function positiveSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8(bytes.readUInt8(0) & 0x7f, 0);
  return bytes.toString("hex");
}

/** AWS's string to sign: each field as "Name\nValue\n", in byte order of the names, Subject only when present. */
export function stringToSign(message: SignableMessage): string {
  const fields: [string, string | null | undefined][] =
    message.Type === "Notification"
      ? [
          ["Message", message.Message],
          ["MessageId", message.MessageId],
          ["Subject", message.Subject],
          ["Timestamp", message.Timestamp],
          ["TopicArn", message.TopicArn],
          ["Type", message.Type],
        ]
      : [
          ["Message", message.Message],
          ["MessageId", message.MessageId],
          ["SubscribeURL", message.SubscribeURL],
          ["Timestamp", message.Timestamp],
          ["Token", message.Token],
          ["TopicArn", message.TopicArn],
          ["Type", message.Type],
        ];
  return fields.map(([name, value]) => (value === undefined || value === null ? "" : `${name}\n${value}\n`)).join("");
}

/** Signatures of the latest messages: one publish's copies for several subscriptions share one signature. */
const recentSignatures = new Map<string, string>();
const RECENT_SIGNATURES = 256;

/** The base64 Signature for a message: SHA1withRSA for version 1, SHA256withRSA for version 2. */
export function signMessage(message: SignableMessage, privateKey: KeyObject | string, version: SignatureVersion): string {
  // The signed fields leave out everything subscription-specific, so the same message signs the same.
  const text = stringToSign(message);
  const key = `${version}\n${text}`;
  let signature = recentSignatures.get(key);
  if (signature === undefined) {
    signature = createSign(SIGNATURE_ALGORITHMS[version]).update(text, "utf8").sign(privateKey, "base64");
    if (recentSignatures.size >= RECENT_SIGNATURES) recentSignatures.delete(recentSignatures.keys().next().value!);
    recentSignatures.set(key, signature);
  }
  return signature;
}

/**
 * What a subscriber does with a message: rebuild the string to sign, and check the Signature against the
 * certificate's public key with the hash its SignatureVersion names. Unknown versions don't verify.
 */
export function verifyMessage(envelope: SignedMessage, certificatePem: string): boolean {
  if (!isSignatureVersion(envelope.SignatureVersion)) return false;
  return createVerify(SIGNATURE_ALGORITHMS[envelope.SignatureVersion])
    .update(stringToSign(envelope), "utf8")
    .verify(new X509Certificate(certificatePem).publicKey, envelope.Signature, "base64");
}
