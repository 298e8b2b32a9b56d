// The Lambda Runtime API (2018-06-01) for one execution context, on an ephemeral loopback port. Its state
// machine, status codes and error bodies follow AWS's runtime interface emulator: 403 InvalidStateTransition
// for calls out of order, 400 InvalidRequestID for a request id that is not the current invocation's, 413
// RequestEntityTooLarge for a response over 6 MB (the invocation then fails with Function.ResponseSizeTooLarge).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** AWS's limit on a synchronous response (and request) payload: 6 MB plus a little framing allowance. */
export const MAX_PAYLOAD_BYTES = 6_291_556;

export interface RuntimeEvent {
  requestId: string;
  payload: Buffer;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
  cognitoIdentity?: string;
}

export interface RuntimeApiListener {
  /**
   * The runtime is waiting in /invocation/next: the first call ends init, later ones end an invocation.
   * `telemetryBytes`: what Stratus's managed runtimes say they have written to the log pipe so far.
   */
  ready(telemetryBytes: number | undefined): void;
  response(payload: Buffer): void;
  error(payload: Buffer, errorType: string | undefined): void;
  initError(payload: Buffer, errorType: string | undefined): void;
}

type State = "Started" | "Ready" | "Running" | "RuntimeResponseSentState" | "InitError";
type Target = "Ready" | "InvocationResponse" | "InvocationErrorResponse" | "InitError";

const BASE = "/2018-06-01/runtime/";
const NOT_FOUND = Buffer.from("404 page not found\n");
const INVOCATION = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

const ALLOWED: Record<State, readonly Target[]> = {
  Started: ["Ready", "InitError"],
  Ready: [],
  Running: ["InvocationResponse", "InvocationErrorResponse"],
  RuntimeResponseSentState: ["Ready"],
  InitError: [],
};

function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const ACCEPTED = JSON.stringify({ status: "OK" });
function accepted(res: ServerResponse): void {
  res.writeHead(202, { "Content-Type": "application/json", "Content-Length": ACCEPTED.length });
  res.end(ACCEPTED);
}

/** Reads a body up to `limit` bytes; `tooLarge` when it was longer (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

export class RuntimeApi {
  private state: State = "Started";
  private waiting: ServerResponse | undefined;
  private current: RuntimeEvent | undefined;
  private readonly verified = new WeakMap<Socket, boolean | Promise<boolean>>();

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    private readonly listener: RuntimeApiListener,
    private readonly verify: (socket: Socket, serverPort: number) => Promise<boolean>,
  ) {
    server.on("connection", (socket: Socket) => {
      const check = verify(socket, port).then(
        (ok) => {
          this.verified.set(socket, ok);
          if (!ok) socket.destroy();
          return ok;
        },
        (err: unknown) => {
          socket.destroy(err instanceof Error ? err : new Error(String(err)));
          return false;
        },
      );
      this.verified.set(socket, check);
    });
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      const ok = this.verified.get(req.socket);
      if (ok === true) this.route(req, res);
      else if (ok !== false && ok !== undefined) void ok.then((yes) => (yes ? this.route(req, res) : undefined));
      else req.socket.destroy();
    });
  }

  /**
   * Starts the API on 127.0.0.1. `verify` decides whether a new connection may use it (the execution context
   * checks that the connecting process is its own).
   */
  static async listen(listener: RuntimeApiListener, verify: (socket: Socket, serverPort: number) => Promise<boolean>): Promise<RuntimeApi> {
    const server = http.createServer({ noDelay: true, keepAlive: true });
    // The runtime holds /invocation/next open for as long as the context is idle; none of Node's request or
    // keep-alive timeouts may cut it.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 0;
    server.headersTimeout = 0;
    server.timeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new RuntimeApi(server, port, listener, verify);
  }

  /** host:port for AWS_LAMBDA_RUNTIME_API. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Whether the runtime is blocked in /invocation/next, so an event can be delivered now. */
  get isWaiting(): boolean {
    return this.state === "Ready" && this.waiting !== undefined;
  }

  /** Answers the held /invocation/next with an event. */
  deliver(event: RuntimeEvent): void {
    const res = this.waiting;
    if (!res || this.state !== "Ready") throw new Error("The runtime is not waiting for an invocation");
    this.waiting = undefined;
    this.state = "Running";
    this.current = event;
    const headers: http.OutgoingHttpHeaders = {
      "Content-Type": "application/json",
      "Content-Length": event.payload.length,
      "Lambda-Runtime-Aws-Request-Id": event.requestId,
      "Lambda-Runtime-Deadline-Ms": String(event.deadlineMs),
      "Lambda-Runtime-Invoked-Function-Arn": event.invokedFunctionArn,
      "Lambda-Runtime-Trace-Id": event.traceId,
    };
    if (event.clientContext) headers["Lambda-Runtime-Client-Context"] = event.clientContext;
    if (event.cognitoIdentity) headers["Lambda-Runtime-Cognito-Identity"] = event.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(event.payload);
  }

  close(): void {
    if (!this.server.listening) return;
    this.waiting = undefined;
    this.server.closeAllConnections();
    this.server.close();
  }

  private transition(res: ServerResponse, target: Target): boolean {
    if (ALLOWED[this.state].includes(target)) return true;
    sendJson(res, 403, {
      errorMessage: `State transition from ${this.state} to ${target} failed for runtime. Error: State transition is not allowed`,
      errorType: "InvalidStateTransition",
    });
    return false;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? "";
    if (req.method === "GET" && url === `${BASE}invocation/next`) return this.next(res, Number(headerValue(req, "x-stratus-telemetry-bytes")) || undefined);
    // A body that breaks off means the runtime died mid-post; its exit is what the context reports.
    const abort = (err: Error) => req.socket.destroy(err);
    if (req.method === "POST" && url === `${BASE}init/error`) return void this.initError(req, res).catch(abort);
    const match = req.method === "POST" ? INVOCATION.exec(url) : null;
    if (match) return void this.result(req, res, decodeURIComponent(match[1]!), match[2] === "error").catch(abort);
    req.resume();
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": NOT_FOUND.length });
    res.end(NOT_FOUND);
  }

  private next(res: ServerResponse, telemetryBytes: number | undefined): void {
    if (!this.transition(res, "Ready")) return;
    this.state = "Ready";
    this.current = undefined;
    this.waiting = res;
    // The runtime went away while waiting (it crashed or was killed); the process exit tells the context.
    res.on("close", () => {
      if (this.waiting === res) this.waiting = undefined;
    });
    this.listener.ready(telemetryBytes);
  }

  private async initError(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.transition(res, "InitError")) return void req.resume();
    this.state = "InitError";
    const { body } = await readBody(req, MAX_PAYLOAD_BYTES);
    accepted(res);
    this.listener.initError(body, headerValue(req, "lambda-runtime-function-error-type"));
  }

  private async result(req: IncomingMessage, res: ServerResponse, requestId: string, isError: boolean): Promise<void> {
    if (!this.transition(res, isError ? "InvocationErrorResponse" : "InvocationResponse")) return void req.resume();
    if (requestId !== this.current?.requestId) {
      req.resume();
      return sendJson(res, 400, { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" });
    }
    // The transition is taken before the body arrives so a second, concurrent post is refused.
    this.state = "RuntimeResponseSentState";
    const { body, tooLarge } = await readBody(req, MAX_PAYLOAD_BYTES);
    if (tooLarge) {
      sendJson(res, 413, {
        errorMessage: `Exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`,
        errorType: "RequestEntityTooLarge",
      });
      const payload = JSON.stringify({
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`,
        errorType: "Function.ResponseSizeTooLarge",
      });
      return this.listener.error(Buffer.from(payload), "Function.ResponseSizeTooLarge");
    }
    accepted(res);
    if (isError) this.listener.error(body, headerValue(req, "lambda-runtime-function-error-type"));
    else this.listener.response(body);
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}
