/** `$context` of mapping templates and the `requestContext` of Lambda proxy events: one object serves both. */
import type { AuthorizerContext } from "./authorizers";
import type { DeployedApi } from "./deployed";
import { type ApiRequest, clfTime, headerOf } from "./request";
import type { RouteMatch } from "./routes";

export interface RequestIdentity {
  cognitoIdentityPoolId: null;
  accountId: string | null;
  cognitoIdentityId: null;
  caller: string | null;
  sourceIp: string;
  principalOrgId: null;
  accessKey: string | null;
  cognitoAuthenticationType: null;
  cognitoAuthenticationProvider: null;
  userArn: string | null;
  userAgent: string | null;
  user: string | null;
}

export interface RequestContext {
  resourceId: string;
  resourcePath: string;
  operationName?: string;
  httpMethod: string;
  extendedRequestId: string;
  requestTime: string;
  path: string;
  accountId: string;
  protocol: string;
  stage: string;
  domainPrefix: string;
  requestTimeEpoch: number;
  requestId: string;
  identity: RequestIdentity;
  domainName: string;
  deploymentId: string;
  apiId: string;
  /** What a Lambda authorizer answered: its principalId and context. */
  authorizer?: AuthorizerContext;
}

/** The signed-in caller of an AWS_IAM method, for `identity`. */
export interface IamCaller {
  accountId: string;
  arn: string;
  userId: string;
  accessKeyId?: string;
}

/** Who the method's authorization found the caller to be. */
export interface CallerIdentity {
  caller?: IamCaller;
  authorizer?: AuthorizerContext;
}

export function requestContext(req: ApiRequest, api: DeployedApi, deploymentId: string, match: RouteMatch, { caller, authorizer }: CallerIdentity = {}): RequestContext {
  return {
    resourceId: match.resource.id,
    resourcePath: match.resource.path,
    ...(match.method.operationName !== undefined && { operationName: match.method.operationName }),
    httpMethod: req.method,
    extendedRequestId: req.requestId,
    requestTime: clfTime(req.receivedAt),
    path: `${req.target.basePath}${req.target.path}`,
    accountId: api.accountId,
    protocol: "HTTP/1.1",
    stage: api.stage,
    domainPrefix: api.restApiId,
    requestTimeEpoch: req.receivedAt.getTime(),
    requestId: req.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: caller?.accountId ?? null,
      cognitoIdentityId: null,
      caller: caller?.userId ?? null,
      sourceIp: req.sourceIp,
      principalOrgId: null,
      accessKey: caller?.accessKeyId ?? null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: caller?.arn ?? null,
      userAgent: headerOf(req, "user-agent") ?? null,
      user: caller?.userId ?? null,
    },
    domainName: req.host,
    deploymentId,
    apiId: api.restApiId,
    ...(authorizer && { authorizer }),
  };
}
