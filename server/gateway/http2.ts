/**
 * Cleartext HTTP/2 (h2c with prior knowledge) on the gateway's HTTP/1.1 port. The AWS SDK for
 * JavaScript sends every Kinesis call over HTTP/2 (its Kinesis client defaults to NodeHttp2Handler,
 * which opens `http://` endpoints with the HTTP/2 connection preface straight away), and
 * SubscribeToShard needs it; all other clients speak HTTP/1.1. Each new connection's first bytes
 * decide which of the two servers gets it.
 */
import type { Server } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from "node:http2";
import type { Socket } from "node:net";

/** What every HTTP/2 connection starts with (RFC 9113 §3.4). */
const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/**
 * Reads until the bytes so far either stop matching the preface or complete it, then puts them back
 * for whichever server takes the socket.
 */
function sniff(socket: Socket, decided: (isHttp2: boolean) => void): void {
  let seen: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, PREFACE.length);
    const matches = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (matches && seen.length < PREFACE.length) return;
    socket.off("data", onData);
    // HTTP/2 reads what is already buffered on the next tick, so the stream must not flow on
    // without a listener until then; Node's HTTP/1.1 attaches its 'data' listener at once, which
    // takes the unshifted bytes before anything newer.
    if (matches) socket.pause();
    socket.unshift(seen);
    decided(matches);
  };
  socket.on("data", onData);
}

/**
 * Makes `server` (an HTTP/1.1 server) also answer HTTP/2 connections, passing their requests to
 * `onRequest` through Node's compatibility API. Closing idle or all connections on `server` covers
 * the HTTP/2 sessions too.
 */
export function acceptCleartextHttp2(server: Server, onRequest: (req: Http2ServerRequest, res: Http2ServerResponse) => void): void {
  const http2 = createHttp2Server({}, onRequest);
  // Node's own HTTP/1.1 connection handling, now reached only through the sniffer.
  const http1 = server.listeners("connection") as ((socket: Socket) => void)[];
  server.removeAllListeners("connection");
  // Connections that have not yet said which protocol they speak: idle, as far as closing goes.
  const undecided = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    undecided.add(socket);
    socket.once("close", () => undecided.delete(socket));
    sniff(socket, (isHttp2) => {
      undecided.delete(socket);
      if (isHttp2) http2.emit("connection", socket);
      else for (const listener of http1) listener.call(server, socket);
    });
  });

  const sessions = new Set<ServerHttp2Session>();
  http2.on("session", (session: ServerHttp2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  const closeIdle = server.closeIdleConnections.bind(server);
  const closeAll = server.closeAllConnections.bind(server);
  // A graceful close lets a session's streams in flight finish (GOAWAY); closing all ends them now.
  server.closeIdleConnections = () => {
    closeIdle();
    for (const socket of undecided) socket.destroy();
    for (const session of sessions) session.close();
  };
  server.closeAllConnections = () => {
    closeAll();
    for (const socket of undecided) socket.destroy();
    for (const session of sessions) session.destroy();
  };
  server.once("close", () => http2.close());
}
