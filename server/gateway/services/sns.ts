/**
 * SNS on the gateway: the query protocol (form-encoded `Action=…`, XML out) that every SNS SDK speaks,
 * plus the unsigned links SNS puts in messages (SubscribeURL, UnsubscribeURL) and the signing certificate.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { prisma } from "../../db/client";
import { isAwsError } from "../../errors";
import { type SnsOperationName, SNS_DATA_EVENTS, snsOperations } from "../../services/sns/operations";
import { CERTIFICATE_PATH, signingKey } from "../../services/sns/signing-key";
import { confirmSubscription, unsubscribeByLink } from "../../services/sns/subscriptions";
import type { ServiceOperation } from "../../services/operation";
import { awsQueryProtocol } from "../protocols/awsQuery";
import type { QueryTree, QueryValue } from "../protocols/queryTree";
import type { XmlShape } from "../protocols/xml";
import type { OperationRegistry, RestResponse, ServiceDefinition } from "../registry";

const SERVICE: ServiceDefinition = {
  name: "sns",
  awsQuery: { version: "2010-03-31", xmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/" },
};

function isTree(value: QueryValue | undefined): value is QueryTree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * SNS maps travel as `Name.entry.N.key/value` (attributes) or `Name.entry.N.Name/Value` (message
 * attributes); this turns every `entry` list, at any depth, into a record.
 */
function decodeMaps(value: QueryValue): unknown {
  if (Array.isArray(value)) return value.map(decodeMaps);
  if (!isTree(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "entry") {
    const entries = Array.isArray(value.entry) ? value.entry : [value.entry!];
    return Object.fromEntries(
      entries.filter(isTree).map((entry) => [String(entry.key ?? entry.Name ?? ""), decodeMaps(entry.value ?? entry.Value ?? "")]),
    );
  }
  return Object.fromEntries(keys.map((key) => [key, decodeMaps(value[key]!)]));
}

/** SNS's XML wraps lists in <member> (the default) but maps in <entry><key/><value/></entry>, which must be asked for. */
const entries: XmlShape = { map: {} };
const withAttributes: XmlShape = { members: { Attributes: entries } };

/** Where the XML result differs from the JSON output shape: the attribute maps. */
const QUERY_RESULTS: Partial<Record<SnsOperationName, XmlShape>> = {
  GetTopicAttributes: withAttributes,
  GetSubscriptionAttributes: withAttributes,
  GetPlatformApplicationAttributes: withAttributes,
  GetEndpointAttributes: withAttributes,
  ListPlatformApplications: { members: { PlatformApplications: { items: withAttributes } } },
  ListEndpointsByPlatformApplication: { members: { Endpoints: { items: withAttributes } } },
};

/** Answers a link the way the SDK operation of the same name is answered (XML result or XML error). */
async function answerLink(registry: OperationRegistry, action: SnsOperationName, run: () => Promise<unknown>): Promise<RestResponse> {
  const requestId = randomUUID();
  try {
    const output = await run();
    return awsQueryProtocol.encodeOutput(registry.operation("sns", action, "awsQuery")!, output, requestId);
  } catch (error) {
    if (!isAwsError(error)) throw error;
    return awsQueryProtocol.encodeError(error, SERVICE, requestId);
  }
}

function registerLinks(registry: OperationRegistry): void {
  registry.registerPublicRoute({
    method: "GET",
    path: "/?Action=ConfirmSubscription",
    handle: ({ query }) =>
      answerLink(registry, "ConfirmSubscription", () => confirmSubscription(prisma(), { TopicArn: query.get("TopicArn") ?? "", Token: query.get("Token") ?? "" }, false)),
  });
  registry.registerPublicRoute({
    method: "GET",
    path: "/?Action=Unsubscribe",
    handle: ({ query }) => answerLink(registry, "Unsubscribe", () => unsubscribeByLink(prisma(), query.get("SubscriptionArn") ?? "").then(() => undefined)),
  });
  registry.registerPublicRoute({
    method: "GET",
    path: `${CERTIFICATE_PATH}/{File}`,
    async handle({ pathParams }) {
      const key = await signingKey(prisma());
      if (pathParams.File !== key.certificateFile) return { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };
      return { status: 200, headers: { "content-type": "application/x-pem-file" }, body: key.certificatePem };
    },
  });
}

export function registerSnsOperations(registry: OperationRegistry): void {
  registry.registerService(SERVICE);
  for (const name of Object.keys(snsOperations) as SnsOperationName[]) registerOperation(registry, name, snsOperations[name]);
  registerLinks(registry);
}

function registerOperation(registry: OperationRegistry, name: SnsOperationName, operation: ServiceOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "sns",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    dataEvent: SNS_DATA_EVENTS.has(name),
    protocols: { awsQuery: { decode: decodeMaps, result: QUERY_RESULTS[name] } },
  });
}
