import { registerStsOperations } from "../../services/sts/operations";
import { OperationRegistry } from "../registry";
import { registerSqsOperations } from "./sqs";

/** Every service the gateway serves. */
export function createDefaultRegistry(): OperationRegistry {
  const registry = new OperationRegistry();
  registerStsOperations(registry);
  registerSqsOperations(registry);
  return registry;
}
