/**
 * The integration editor's form and what it becomes: PutIntegration's members for a new integration,
 * UpdateIntegration's operations for an existing one (which keep its templates and responses).
 */
import type { PatchOperation } from "~/server/services/apigateway/patch";
import type { TileOption } from "../../../_components/Tiles";
import { memberPatch } from "./member-patch";
import type { Integration } from "./use-api";

export type IntegrationKind = "lambda" | "http" | "mock" | "aws";
export type AwsActionType = "action" | "path";

export const INTEGRATION_KINDS: readonly TileOption<IntegrationKind>[] = [
  { value: "lambda", label: "Lambda function", description: "Invoke a function in this account and region." },
  { value: "http", label: "HTTP", description: "Call an existing HTTP endpoint." },
  { value: "mock", label: "Mock", description: "Answer from the mapping templates, without calling a backend." },
  { value: "aws", label: "AWS service", description: "Call an AWS service's action or path." },
];

export const PASSTHROUGH_BEHAVIORS = [
  { value: "WHEN_NO_MATCH", label: "When no template matches the request content type" },
  { value: "WHEN_NO_TEMPLATES", label: "When there are no templates defined (recommended)" },
  { value: "NEVER", label: "Never" },
] as const;

export interface IntegrationForm {
  kind: IntegrationKind;
  /** Lambda and HTTP: hand the whole request over and the backend's response back as they are (AWS_PROXY, HTTP_PROXY). */
  proxy: boolean;
  functionArn: string;
  /** HTTP and AWS service: the method the integration calls its target with. */
  httpMethod: string;
  endpointUrl: string;
  awsRegion: string;
  awsService: string;
  awsActionType: AwsActionType;
  /** The action's name, or the path, as `awsActionType` says. */
  awsAction: string;
  /** The IAM role API Gateway assumes to call the target; optional. */
  credentials: string;
  passthroughBehavior: string;
  /** How a non-proxy integration converts the request body: CONVERT_TO_TEXT, CONVERT_TO_BINARY, or "" to pass it as it is. */
  contentHandling: string;
  timeoutInMillis: string;
}

export function newIntegrationForm(region: string): IntegrationForm {
  return {
    kind: "lambda",
    proxy: true,
    functionArn: "",
    httpMethod: "GET",
    endpointUrl: "",
    awsRegion: region,
    awsService: "",
    awsActionType: "action",
    awsAction: "",
    credentials: "",
    passthroughBehavior: "WHEN_NO_MATCH",
    contentHandling: "",
    timeoutInMillis: "29000",
  };
}

const LAMBDA_URI = /^arn:[^:]+:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
const AWS_URI = /^arn:[^:]+:apigateway:([^:]+):([^:]+):(action|path)\/(.*)$/;

/** The URI API Gateway invokes a function through: `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`. */
export function lambdaInvocationUri(functionArn: string): string {
  const region = functionArn.split(":")[3];
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** The function an integration URI invokes, if it invokes one. */
export function invokedFunction(uri: string | undefined): string | undefined {
  return uri === undefined ? undefined : LAMBDA_URI.exec(uri)?.[1];
}

export const isProxyType = (type: string) => type === "AWS_PROXY" || type === "HTTP_PROXY";

/** Whether the form makes a proxy integration: only Lambda and HTTP integrations can be one. */
export const isProxyForm = (form: IntegrationForm) => form.proxy && (form.kind === "lambda" || form.kind === "http");

/** How the console names an integration: "Lambda proxy", "HTTP", "Mock"… */
export function integrationLabel(integration: Pick<Integration, "type" | "uri">): string {
  switch (integration.type) {
    case "AWS_PROXY":
      return invokedFunction(integration.uri) ? "Lambda proxy" : "AWS service proxy";
    case "AWS":
      return invokedFunction(integration.uri) ? "Lambda" : "AWS service";
    case "HTTP_PROXY":
      return "HTTP proxy";
    case "HTTP":
      return "HTTP";
    case "MOCK":
      return "Mock";
    default:
      return integration.type;
  }
}

/** The form of an existing integration, to edit it. */
export function integrationForm(integration: Integration, region: string): IntegrationForm {
  const base = {
    ...newIntegrationForm(region),
    credentials: integration.credentials ?? "",
    passthroughBehavior: integration.passthroughBehavior ?? "WHEN_NO_MATCH",
    contentHandling: integration.contentHandling ?? "",
    timeoutInMillis: String(integration.timeoutInMillis),
  };
  const functionArn = invokedFunction(integration.uri);
  if (functionArn) return { ...base, kind: "lambda", proxy: integration.type === "AWS_PROXY", functionArn };
  if (integration.type === "MOCK") return { ...base, kind: "mock", proxy: false };
  if (integration.type === "HTTP" || integration.type === "HTTP_PROXY") {
    return { ...base, kind: "http", proxy: integration.type === "HTTP_PROXY", httpMethod: integration.httpMethod ?? "GET", endpointUrl: integration.uri ?? "" };
  }
  const [, awsRegion = region, awsService = "", awsActionType = "action", awsAction = ""] = AWS_URI.exec(integration.uri ?? "") ?? [];
  return {
    ...base,
    kind: "aws",
    proxy: false,
    httpMethod: integration.httpMethod ?? "POST",
    awsRegion,
    awsService,
    awsActionType: awsActionType === "path" ? "path" : "action",
    awsAction,
  };
}

export function integrationErrors(form: IntegrationForm) {
  const timeout = Number(form.timeoutInMillis);
  const lambda = form.kind === "lambda";
  const http = form.kind === "http";
  const aws = form.kind === "aws";
  return {
    functionArn: lambda && !form.functionArn ? "Choose a Lambda function." : undefined,
    endpointUrl: http && !/^https?:\/\/\S+$/.test(form.endpointUrl) ? "Enter an http:// or https:// URL." : undefined,
    awsService: aws && !/^[a-zA-Z0-9.-]+$/.test(form.awsService) ? "Enter the service's endpoint prefix, e.g. sqs." : undefined,
    awsAction: aws && form.awsAction.trim() === "" ? (form.awsActionType === "action" ? "Enter an action, e.g. SendMessage." : "Enter a path.") : undefined,
    timeoutInMillis:
      form.kind !== "mock" && !(/^\d+$/.test(form.timeoutInMillis) && timeout >= 50 && timeout <= 29_000) ? "Enter a timeout from 50 to 29,000 milliseconds." : undefined,
  };
}

export type IntegrationErrors = ReturnType<typeof integrationErrors>;

/** The integration members the form decides, in PutIntegration's terms. */
export interface IntegrationTarget {
  type: string;
  integrationHttpMethod?: string;
  uri?: string;
  credentials?: string;
  passthroughBehavior: string;
  contentHandling?: string;
  timeoutInMillis: number;
}

export function integrationTarget(form: IntegrationForm): IntegrationTarget {
  const common = {
    passthroughBehavior: form.passthroughBehavior,
    timeoutInMillis: form.kind === "mock" ? 29_000 : Number(form.timeoutInMillis),
    ...(form.credentials.trim() !== "" && form.kind !== "mock" && { credentials: form.credentials.trim() }),
    ...(form.contentHandling !== "" && !isProxyForm(form) && { contentHandling: form.contentHandling }),
  };
  switch (form.kind) {
    case "lambda":
      // Functions are always invoked with POST, whatever the method's own verb.
      return { ...common, type: isProxyForm(form) ? "AWS_PROXY" : "AWS", integrationHttpMethod: "POST", uri: lambdaInvocationUri(form.functionArn) };
    case "http":
      return { ...common, type: isProxyForm(form) ? "HTTP_PROXY" : "HTTP", integrationHttpMethod: form.httpMethod, uri: form.endpointUrl };
    case "mock":
      return { ...common, type: "MOCK" };
    case "aws":
      return {
        ...common,
        type: "AWS",
        integrationHttpMethod: form.httpMethod,
        uri: `arn:aws:apigateway:${form.awsRegion}:${form.awsService}:${form.awsActionType}/${form.awsAction.trim().replace(/^\//, "")}`,
      };
  }
}

/** UpdateIntegration's operations that turn `current` into `target`: members set, replaced or removed. */
export function integrationPatch(current: Integration, target: IntegrationTarget): PatchOperation[] {
  return memberPatch([
    ["/type", current.type, target.type],
    ["/httpMethod", current.httpMethod, target.integrationHttpMethod],
    ["/uri", current.uri, target.uri],
    ["/credentials", current.credentials, target.credentials],
    ["/passthroughBehavior", current.passthroughBehavior, target.passthroughBehavior],
    ["/contentHandling", current.contentHandling, target.contentHandling],
    ["/timeoutInMillis", current.timeoutInMillis, target.timeoutInMillis],
  ]);
}
