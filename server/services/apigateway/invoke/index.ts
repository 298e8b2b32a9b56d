/** API Gateway's data plane: serving requests to deployed REST APIs. */
export { AuthorizerResults } from "./authorizers";
export { DeployedApis } from "./deployed";
export { executeApiRequest, executeMethod, type ExecuteDeps } from "./execute";
export type { IamCaller } from "./context";
export type { ApiRequest } from "./request";
export { type ApiResponse, gatewayResponse } from "./responses";
export { invokeTarget, type InvokeTarget } from "./target";
