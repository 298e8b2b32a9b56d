/** Gateway test helpers: temporary credentials, an in-process gateway, and raw SigV4-signed requests for what the SDK can't send. */
import { createHash, createHmac, randomBytes, type Hash, type Hmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import { prisma } from "../../../server/db/client";
import { env } from "../../../server/env";
import { createGatewayServer, type GatewayServerOptions } from "../../../server/gateway/server";
import { encryptSecret, sha256Hex } from "../../../server/lib/secrets";
import { newAccessKeyId, newSecretAccessKey } from "../../../server/services/accounts/access-keys";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Inserts temporary credentials into `session_credentials`; `userId` ties them to a team member. */
export async function createSessionCredentials(opts: {
  accountId: string;
  principalArn: string;
  principalId: string;
  userId?: string;
  expiresAt: Date;
}): Promise<Required<Credentials>> {
  const accessKeyId = newAccessKeyId("ASIA");
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = randomBytes(90).toString("base64");
  await prisma().sessionCredential.create({
    data: {
      accessKeyId,
      accountId: opts.accountId,
      secretEncrypted: encryptSecret(secretAccessKey, env().STRATUS_SECRET_KEY),
      tokenHash: sha256Hex(sessionToken),
      principalArn: opts.principalArn,
      principalId: opts.principalId,
      userId: opts.userId ?? null,
      expiresAt: opts.expiresAt,
    },
  });
  return { accessKeyId, secretAccessKey, sessionToken };
}

export interface RunningGateway {
  url: string;
  host: string;
  close(): Promise<void>;
}

export async function startGateway(opts?: GatewayServerOptions): Promise<RunningGateway> {
  const server: Server = createGatewayServer(opts);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBinary(data: SourceData): string | Buffer {
  if (typeof data === "string") return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** node:crypto behind the hash interface @smithy/signature-v4 expects (HMAC when given a secret). */
class NodeSha256 {
  #hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBinary(this.secret));
  }
  update(data: SourceData): void {
    this.#hash.update(toBinary(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

export function signer(credentials: Credentials, service: string, region = "us-east-1"): SignatureV4 {
  return new SignatureV4({ credentials, service, region, sha256: NodeSha256, applyChecksum: false });
}

export interface RawRequest {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer<ArrayBuffer>;
}

export function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
}

function toUrl(gateway: RunningGateway, path: string, query: Record<string, string>): string {
  const qs = queryString(query);
  return `${gateway.url}${path}${qs ? `?${qs}` : ""}`;
}

/** Sends a request signed in the Authorization header. */
export async function signedFetch(
  gateway: RunningGateway,
  credentials: Credentials,
  service: string,
  req: RawRequest,
  signingDate?: Date,
  signal?: AbortSignal,
): Promise<Response> {
  const { method = "POST", path = "/", query = {}, headers = {}, body } = req;
  const signed = await signer(credentials, service).sign(
    { method, protocol: "http:", hostname: "127.0.0.1", path, query, headers: { host: gateway.host, ...headers }, body },
    { signingDate },
  );
  const sent = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== "host"));
  return fetch(toUrl(gateway, path, query), { method, headers: sent, body, signal });
}

/** A presigned GET URL (query-string authentication). */
export async function presignedUrl(
  gateway: RunningGateway,
  credentials: Credentials,
  service: string,
  query: Record<string, string>,
  opts: { expiresIn?: number; signingDate?: Date } = {},
): Promise<string> {
  const presigned = await signer(credentials, service).presign(
    { method: "GET", protocol: "http:", hostname: "127.0.0.1", path: "/", query, headers: { host: gateway.host } },
    opts,
  );
  const signedQuery = Object.entries(presigned.query ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return toUrl(gateway, "/", Object.fromEntries(signedQuery));
}

export const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
