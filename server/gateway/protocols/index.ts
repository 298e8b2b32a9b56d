import type { ProtocolName } from "../registry";
import { awsJsonProtocol } from "./awsJson";
import { awsQueryProtocol } from "./awsQuery";
import { restJsonProtocol } from "./restJson";
import type { Protocol } from "./types";

export const PROTOCOLS: Readonly<Record<ProtocolName, Protocol>> = {
  awsJson1_0: awsJsonProtocol("1.0"),
  awsJson1_1: awsJsonProtocol("1.1"),
  awsQuery: awsQueryProtocol,
  restJson1: restJsonProtocol,
};
