import { registerStsOperations } from "../../services/sts/operations";
import { OperationRegistry } from "../registry";
import { registerApigatewayOperations } from "./apigateway";
import { registerCognitoIdentityOperations } from "./cognito-identity";
import { registerCognitoIdpOperations } from "./cognito-idp";
import { registerCognitoOAuthRoutes } from "./cognito-oauth";
import { registerIamOperations } from "./iam";
import { registerKinesisOperations } from "./kinesis";
import { registerLambdaOperations } from "./lambda";
import { registerLogsOperations } from "./logs";
import { registerSnsOperations } from "./sns";
import { registerSqsOperations } from "./sqs";

/** Every service the gateway serves. */
export function createDefaultRegistry(): OperationRegistry {
  const registry = new OperationRegistry();
  registerStsOperations(registry);
  registerSqsOperations(registry);
  registerLambdaOperations(registry);
  registerLogsOperations(registry);
  registerSnsOperations(registry);
  registerKinesisOperations(registry);
  registerApigatewayOperations(registry);
  registerIamOperations(registry);
  registerCognitoIdpOperations(registry);
  registerCognitoOAuthRoutes(registry);
  registerCognitoIdentityOperations(registry);
  return registry;
}
