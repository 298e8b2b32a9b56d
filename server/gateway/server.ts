import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { prisma, type Db } from "../db/client";
import { env } from "../env";
import { resolveCredential, type CredentialResolver } from "../services/iam/credentials";
import { BodyTooLargeError, readBody } from "./body";
import { dispatch, type GatewayDeps } from "./dispatch";
import { GatewayErrors } from "./errors";
import type { GatewayLogger } from "./logger";
import { PROTOCOLS } from "./protocols";
import type { WireResponse } from "./protocols/types";
import type { OperationRegistry } from "./registry";
import { collectHeaders, type RequestHead } from "./request";
import { routeRequest } from "./routing";
import { createDefaultRegistry } from "./services";

export const HEALTH_PATH = "/_stratus/health";

export interface GatewayServerOptions {
  /** Defaults to every Stratus service. */
  registry?: OperationRegistry;
  db?: Db;
  resolveCredential?: CredentialResolver;
  /** Defaults to GATEWAY_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  logger?: GatewayLogger;
}

function send(res: ServerResponse, response: WireResponse): void {
  if (res.destroyed) return; // the client has gone
  res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
  res.end(response.body);
}

function jsonResponse(status: number, body: unknown): WireResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

async function health(db: Db, logger: GatewayLogger): Promise<WireResponse> {
  try {
    await db.$queryRaw`SELECT 1`;
    return jsonResponse(200, { status: "ok" });
  } catch (error) {
    logger.error("health check: database unreachable", error);
    return jsonResponse(503, { status: "unavailable", reason: "database unreachable" });
  }
}

function requestHead(req: IncomingMessage): RequestHead {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? "" : url.slice(q + 1),
    headers: collectHeaders(req.rawHeaders),
  };
}

async function handle(deps: GatewayDeps, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const head = requestHead(req);
  if (head.path === HEALTH_PATH && (head.method === "GET" || head.method === "HEAD")) {
    return send(res, await health(deps.db, deps.logger));
  }
  const query = new URLSearchParams(head.query);
  const open = deps.registry.matchPublicRoute(head.method, head.path, query);
  if (open) {
    req.resume(); // public routes are downloads: a request body is ignored
    const { status, headers = {}, body = "" } = await open.route.handle({ pathParams: open.pathParams, query, headers: head.headers });
    return send(res, { status, headers, body });
  }
  const route = routeRequest(deps.registry, head);
  // restJson1 routes may accept larger bodies than the default (Lambda code uploads), with their own error.
  const bodyLimit = route.protocol === "restJson1" ? deps.registry.matchRoute(head.method, head.path, route.service?.name, query)?.binding.bodyLimit : undefined;
  let body: Buffer;
  try {
    body = await readBody(req, bodyLimit?.bytes ?? maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Discard the rest of the upload and close afterwards, so the client still reads the 413.
    res.setHeader("connection", "close");
    req.resume();
    const tooLarge = bodyLimit ? bodyLimit.error() : GatewayErrors.bodyTooLarge(error.limit);
    return send(res, PROTOCOLS[route.protocol].encodeError(tooLarge, route.service, requestId));
  }
  // Lets long-running operations (long polls) stop once nobody is waiting for the answer.
  const disconnected = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) disconnected.abort();
  });
  send(res, await dispatch(deps, route, { ...head, body, requestId, sourceIp: req.socket.remoteAddress, signal: disconnected.signal }));
}

/** The AWS-compatible HTTP endpoint; the caller listens. */
export function createGatewayServer(opts: GatewayServerOptions = {}): Server {
  const deps: GatewayDeps = {
    registry: opts.registry ?? createDefaultRegistry(),
    db: opts.db ?? prisma(),
    resolveCredential: opts.resolveCredential ?? resolveCredential,
    logger: opts.logger ?? console,
  };
  const maxBodyBytes = opts.maxBodyBytes ?? env().GATEWAY_MAX_BODY_BYTES;
  return createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    handle(deps, maxBodyBytes, req, res, requestId).catch((error: unknown) => {
      deps.logger.error(`[${requestId}] request failed`, error);
      if (res.headersSent) res.destroy();
      else send(res, jsonResponse(500, { __type: "InternalFailure", message: "We encountered an internal error. Please try again." }));
    });
  });
}
