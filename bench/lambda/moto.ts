/**
 * The same CreateFunction + Invoke against moto_server. moto runs function code in Docker; without
 * Docker its Invoke answers an error instead of running the code, so this records what happens
 * rather than latency figures.
 */
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { serviceTrustPolicy } from "../../server/services/iam/trust-policies";
import { errorText } from "../lib/cli";
import { createFunction, type LambdaBench } from "./workloads";

export interface MotoOutcome {
  createFunction: { ms: number; outcome: string };
  invoke?: { ms: number; outcome: string };
}

export const MOTO_ROLE = "arn:aws:iam::123456789012:role/lambda-bench";

/** moto's CreateFunction wants the role to exist in its IAM. moto checks no signature; the scope only names the service. */
async function createMotoRole(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: new URLSearchParams({ Action: "CreateRole", Version: "2010-05-08", RoleName: MOTO_ROLE.split("/")[1]!, AssumeRolePolicyDocument: serviceTrustPolicy("lambda.amazonaws.com") }),
  });
  if (!res.ok) throw new Error(`moto CreateRole: HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

/** Never throws: what moto answered is the result. */
export async function tryMoto(b: LambdaBench): Promise<MotoOutcome> {
  const t0 = performance.now();
  let name: string;
  try {
    await createMotoRole(b.target.endpoint);
    name = await createFunction(b, "node");
  } catch (e) {
    return { createFunction: { ms: performance.now() - t0, outcome: errorText(e) } };
  }
  const created = { ms: performance.now() - t0, outcome: "created" };
  const t1 = performance.now();
  try {
    const out = await b.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"n":1}') }));
    const body = Buffer.from(out.Payload ?? []).toString("utf8").trim().slice(0, 200);
    return { createFunction: created, invoke: { ms: performance.now() - t1, outcome: `HTTP ${out.StatusCode}${out.FunctionError ? `, FunctionError ${out.FunctionError}` : ""}: ${body}` } };
  } catch (e) {
    return { createFunction: created, invoke: { ms: performance.now() - t1, outcome: errorText(e) } };
  }
}
