/** What a stage records of each request it served: its minute metrics, access log line and execution log. */
import { recordStageRequest } from "../metrics";
import type { DeployedApi } from "./deployed";
import type { ExecutionLog } from "./execution-log";
import type { ApiResponse } from "./responses";
import { accessLogLine, executionLogGroup, writeStageLog } from "./stage-logs";

/** What serving one request came to: the response, and what metrics, logs and gateway responses need to know. */
export interface Served {
  response: ApiResponse;
  integrationLatencyMs?: number;
  cache?: "hit" | "miss";
  /** `$context` once the route matched. */
  context?: Record<string, unknown>;
  pathParameters?: Record<string, string>;
  /** The execution log, when the method's logging level asks for one (ERROR writes it only for failures). */
  log?: ExecutionLog;
  logLevel?: string;
}

export function observe(api: DeployedApi, served: Served & { context: Record<string, unknown> }, response: ApiResponse, latencyMs: number): void {
  recordStageRequest(api.restApiId, api.stage, { status: response.status, latencyMs, integrationLatencyMs: served.integrationLatencyMs ?? 0, cache: served.cache });
  const target = { accountId: api.accountId, region: api.region };
  if (api.accessLog) {
    const context = {
      ...served.context,
      status: response.status,
      responseLength: response.body.length,
      responseLatency: Math.round(latencyMs),
      integrationLatency: served.integrationLatencyMs === undefined ? undefined : Math.round(served.integrationLatencyMs),
      error: response.gatewayResponse && { message: response.gatewayResponse.message, responseType: response.gatewayResponse.type },
    };
    writeStageLog({ ...target, logGroupName: api.accessLog.logGroupName }, accessLogLine(api.accessLog.format, context));
  }
  if (served.log && (served.logLevel === "INFO" || response.status >= 400)) {
    for (const line of served.log.lines()) writeStageLog({ ...target, logGroupName: executionLogGroup(api.restApiId, api.stage) }, line);
  }
}
