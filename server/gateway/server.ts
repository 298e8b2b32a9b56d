import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { prisma, type Db } from "../db/client";
import { env } from "../env";
import { resolveCredential, type CredentialResolver } from "../services/iam/credentials";
import { IamDecisionData } from "../services/iam/policy-sets";
import { BodyTooLargeError, readBody } from "./body";
import { dispatch, type GatewayDeps } from "./dispatch";
import { GatewayErrors } from "./errors";
import { acceptCleartextHttp2 } from "./http2";
import type { GatewayLogger } from "./logger";
import { PROTOCOLS } from "./protocols";
import type { WireResponse } from "./protocols/types";
import type { OperationRegistry } from "./registry";
import { collectHeaders, headerValue, type RequestHead } from "./request";
import { routeRequest } from "./routing";
import { createDefaultRegistry } from "./services";
import { serveDeployedApi } from "./execute-api";
import { AuthorizerResults, DeployedApis, invokeTarget } from "../services/apigateway/invoke";

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

/** A request over HTTP/1.1 or HTTP/2 (Node's compatibility API gives both the same shape). */
type HttpRequest = IncomingMessage | Http2ServerRequest;
type HttpResponse = ServerResponse | Http2ServerResponse;

const isGone = (res: HttpResponse) => ("stream" in res ? res.stream.destroyed : res.destroyed);

async function send(res: HttpResponse, response: WireResponse): Promise<void> {
  if (isGone(res)) return; // the client has gone
  const { body } = response;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(response.status, response.headers);
  // Leaving the loop early (the client went) ends the stream's generator, and with it its subscription.
  for await (const chunk of body) {
    if (isGone(res)) return;
    const flushed = "stream" in res ? res.write(chunk) : res.write(chunk);
    if (!flushed) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
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

function requestHead(req: HttpRequest): RequestHead {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const headers = collectHeaders(req.rawHeaders);
  // HTTP/2 names the host in the :authority pseudo-header; SigV4 signs it as `host`.
  if (!headers.host && headers[":authority"]) headers.host = headers[":authority"];
  return {
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? "" : url.slice(q + 1),
    headers,
  };
}

/** The gateway's collaborators, with the deployed APIs it serves. */
type ServerDeps = GatewayDeps & { apis: DeployedApis; authorizerResults: AuthorizerResults };

/** Aborted when the client goes away before its response is written (long polls and integrations stop waiting). */
function disconnection(res: HttpResponse): AbortSignal {
  const disconnected = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) disconnected.abort();
  });
  return disconnected.signal;
}

async function handle(deps: ServerDeps, maxBodyBytes: number, req: HttpRequest, res: HttpResponse, requestId: string): Promise<void> {
  const head = requestHead(req);
  if (head.path === HEALTH_PATH && (head.method === "GET" || head.method === "HEAD")) {
    return send(res, await health(deps.db, deps.logger));
  }
  const target = invokeTarget(head.path, headerValue(head, "host"));
  if (target) return send(res, await serveDeployedApi(deps, target, head, req, requestId, disconnection(res)));
  const query = new URLSearchParams(head.query);
  const open = deps.registry.matchPublicRoute(head.method, head.path, query);
  if (open) {
    // Downloads send no body; the hosted UI's forms and OAuth token requests do.
    const body = await readBody(req, maxBodyBytes).catch((error: unknown) => {
      if (!(error instanceof BodyTooLargeError)) throw error;
      req.resume();
      return null;
    });
    if (!body) return send(res, { status: 413, headers: { "content-type": "text/plain" }, body: "Request body too large" });
    const { status, headers = {}, body: answer = "" } = await open.route.handle({ pathParams: open.pathParams, query, headers: head.headers, body, sourceIp: req.socket.remoteAddress });
    return send(res, { status, headers, body: answer });
  }
  const route = routeRequest(deps.registry, head);
  // restJson1 routes may accept larger bodies than the default (Lambda code uploads), with their own error.
  const bodyLimit = route.protocol === "restJson1" ? deps.registry.matchRoute(head.method, head.path, route.service?.name, query)?.binding.bodyLimit : undefined;
  let body: Buffer;
  try {
    body = await readBody(req, bodyLimit?.bytes ?? maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Discard the rest of the upload and close afterwards, so the client still reads the 413
    // (HTTP/2 ends just the stream, and has no Connection header).
    if (req.httpVersionMajor < 2) res.setHeader("connection", "close");
    req.resume();
    const tooLarge = bodyLimit ? bodyLimit.error() : GatewayErrors.bodyTooLarge(error.limit);
    return send(res, PROTOCOLS[route.protocol].encodeError(tooLarge, route.service, requestId));
  }
  await send(res, await dispatch(deps, route, { ...head, body, requestId, sourceIp: req.socket.remoteAddress, signal: disconnection(res) }));
}

/** The AWS-compatible HTTP endpoint; the caller listens. */
export function createGatewayServer(opts: GatewayServerOptions = {}): Server {
  const logger = opts.logger ?? console;
  const deps: ServerDeps = {
    registry: opts.registry ?? createDefaultRegistry(),
    db: opts.db ?? prisma(),
    resolveCredential: opts.resolveCredential ?? resolveCredential,
    iam: new IamDecisionData(prisma()),
    logger,
    apis: new DeployedApis(prisma(), env().DATABASE_URL, logger),
    authorizerResults: new AuthorizerResults(),
  };
  const maxBodyBytes = opts.maxBodyBytes ?? env().GATEWAY_MAX_BODY_BYTES;
  const onRequest = (req: HttpRequest, res: HttpResponse) => {
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    handle(deps, maxBodyBytes, req, res, requestId).catch((error: unknown) => {
      deps.logger.error(`[${requestId}] request failed`, error);
      if (!res.headersSent) void send(res, jsonResponse(500, { __type: "InternalFailure", message: "We encountered an internal error. Please try again." }));
      else if ("stream" in res) res.stream.destroy();
      else res.destroy();
    });
  };
  const server = createServer(onRequest);
  // Idle connections stay open longer than clients keep theirs (fetch: 4 s, browsers: about a minute), so
  // the client is the one to close them: a server closing first races the client's next request on the
  // socket and the client sees ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  acceptCleartextHttp2(server, onRequest);
  deps.iam.listen(env().DATABASE_URL, logger);
  server.on("close", () => void Promise.all([deps.apis.close(), deps.iam.close()]));
  return server;
}
