/**
 * Which deployed API a request is for. Two URL forms reach a stage, as AWS emulators offer them:
 * `/restapis/{restApiId}/{stage}/_user_request_/{path}` on the gateway's own host, and
 * `/{stage}/{path}` on the host `{restApiId}.execute-api.<anything>`.
 */
export interface InvokeTarget {
  restApiId: string;
  stage: string;
  /** The resource path asked for, from "/", still percent-encoded. */
  path: string;
  /** The stage's base path on this host, for the `path` member of `$context` and proxy events. */
  basePath: string;
}

const USER_REQUEST = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;
const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\./i;

export function invokeTarget(path: string, host: string | undefined): InvokeTarget | undefined {
  const userRequest = USER_REQUEST.exec(path);
  if (userRequest) {
    const [, restApiId, stage, rest] = userRequest;
    return { restApiId: restApiId!, stage: stage!, path: rest || "/", basePath: `/${stage}` };
  }
  const apiHost = host === undefined ? null : EXECUTE_API_HOST.exec(host);
  if (!apiHost) return undefined;
  const slash = path.indexOf("/", 1);
  const stage = slash === -1 ? path.slice(1) : path.slice(1, slash);
  return { restApiId: apiHost[1]!.toLowerCase(), stage, path: slash === -1 ? "/" : path.slice(slash), basePath: `/${stage}` };
}
