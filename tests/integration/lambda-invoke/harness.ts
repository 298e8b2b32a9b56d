/** A gateway and a workers process (in this test process) that run functions, plus SQS and Logs clients. */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { SQSClient } from "@aws-sdk/client-sqs";
import { invocationClient } from "../../../server/services/lambda/invocation/invoke";
import { startWorkers } from "../../../workers/main";
import { type LambdaHarness, startLambda } from "../lambda/helpers";

export interface InvokeHarness extends LambdaHarness {
  sqs: SQSClient;
  logs: CloudWatchLogsClient;
}

export async function startInvokeHarness(): Promise<InvokeHarness> {
  const h = await startLambda();
  const workers = await startWorkers({ gatewayUrl: h.gateway.url, reconcileIntervalMs: 500, pollIntervalMs: 200, accountIds: [h.team.accountId] });
  const options = { endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 };
  const sqs = new SQSClient(options);
  const logs = new CloudWatchLogsClient(options);
  return {
    ...h,
    sqs,
    logs,
    async close() {
      sqs.destroy();
      logs.destroy();
      await workers.stop();
      await invocationClient().close();
      await h.close();
    },
  };
}
