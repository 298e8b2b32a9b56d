import type { AwsError } from "../../errors";
import type { ProtocolFamily } from "../errors";
import type { OperationRegistry, RegisteredOperation, ServiceDefinition } from "../registry";
import type { GatewayRequest } from "../request";

export interface WireResponse {
  status: number;
  /** A list sends the header once per value (Set-Cookie from an integration). */
  headers: Record<string, string | string[]>;
  /** A stream (event-stream outputs) is written chunk by chunk until it ends or the client goes. */
  body: string | Buffer | AsyncIterable<Buffer>;
}

/** The operation a request calls and its input, decoded but not yet validated. */
export interface DecodedCall {
  operation: RegisteredOperation;
  params: unknown;
}

/** One AWS wire protocol: how calls are read and how results and errors are written. */
export interface Protocol {
  family: ProtocolFamily;
  /** Throws the protocol's unknown-operation or serialization error when the request names nothing callable. */
  decode(req: GatewayRequest, service: ServiceDefinition, registry: OperationRegistry): DecodedCall;
  encodeOutput(operation: RegisteredOperation, output: unknown, requestId: string): WireResponse;
  encodeError(error: AwsError, service: ServiceDefinition | undefined, requestId: string): WireResponse;
}
