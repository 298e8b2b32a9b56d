/** The IAM policy language: parse and validate documents once, evaluate them per request. */
export { type Effect, type PolicyDocument, type PolicyKind, type PolicyStatement, type PolicyVersion, parsePolicyDocument } from "./document";
export {
  type Decision,
  type Evaluation,
  type MatchedStatement,
  type NamedPolicy,
  type PolicySet,
  type TrustAction,
  type TrustEvaluation,
  type TrustRequest,
  evaluatePolicies,
  evaluatePolicy,
  evaluateTrustPolicy,
} from "./evaluate";
export type { AuthorizationRequest, ContextValue, RequestContext, RequestPrincipal } from "./request";
