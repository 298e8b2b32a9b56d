import { AwsError } from "../../errors";
import { GatewayErrors, wireErrorCode } from "../errors";
import { headerValue, type GatewayRequest, type RequestHead } from "../request";
import { coerceStringScalars } from "./coerce";
import { parseQueryTree } from "./queryTree";
import type { Protocol } from "./types";
import { escapeXml, xmlElement } from "./xml";

/** Whether the body is form-encoded, as awsQuery bodies are. */
export function hasFormBody(req: Pick<RequestHead, "headers">): boolean {
  return (headerValue(req, "content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** Form parameters from the query string (minus presigning parameters) and a form-encoded body. */
function queryParameters(req: GatewayRequest): [string, string][] {
  const pairs = [...new URLSearchParams(req.query)].filter(([key]) => !key.startsWith("X-Amz-"));
  if (hasFormBody(req)) pairs.push(...new URLSearchParams(req.body.toString("utf8")));
  return pairs;
}

function xmlns(namespace: string | undefined): string {
  return namespace ? ` xmlns="${escapeXml(namespace)}"` : "";
}

const XML_HEADERS = { "content-type": "text/xml" };

/** awsQuery: `Action=Op&Version=…` form parameters in, `<OpResponse><OpResult>` XML out. */
export const awsQueryProtocol: Protocol = {
  family: "query",
  decode(req, service, registry) {
    const pairs = queryParameters(req);
    const action = pairs.find(([key]) => key === "Action")?.[1];
    if (!action) throw new AwsError("MissingAction", "The request must contain the parameter Action.", 400);
    const operation = registry.operation(service.name, action, "awsQuery");
    if (!operation) {
      throw GatewayErrors.unknownOperation(`Could not find operation ${action} for version ${service.awsQuery?.version ?? "unknown"}`);
    }
    const tree = parseQueryTree(pairs.filter(([key]) => key !== "Action" && key !== "Version"));
    const decode = operation.protocols.awsQuery?.decode;
    return { operation, params: coerceStringScalars(operation.input, decode ? decode(tree, req) : tree) };
  },
  encodeOutput(operation, output, requestId) {
    const { name, service } = operation;
    // No output (e.g. DeleteQueue) means no <…Result> element, as AWS answers.
    const result = xmlElement(`${name}Result`, output, operation.protocols.awsQuery?.result);
    const metadata = xmlElement("ResponseMetadata", { RequestId: requestId });
    return {
      status: 200,
      headers: XML_HEADERS,
      body: `<${name}Response${xmlns(service.awsQuery?.xmlNamespace)}>${result}${metadata}</${name}Response>`,
    };
  },
  encodeError(error, service, requestId) {
    const detail = { Type: error.fault, Code: wireErrorCode(error, "query"), Message: error.message };
    const body = `<ErrorResponse${xmlns(service?.awsQuery?.xmlNamespace)}>${xmlElement("Error", detail)}${xmlElement("RequestId", requestId)}</ErrorResponse>`;
    return { status: error.status, headers: XML_HEADERS, body };
  },
};
