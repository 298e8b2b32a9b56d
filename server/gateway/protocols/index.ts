import type { ProtocolName } from "../registry";
import { awsCborProtocol } from "./awsCbor";
import { awsJsonProtocol } from "./awsJson";
import { awsQueryProtocol } from "./awsQuery";
import { restJsonProtocol } from "./restJson";
import type { Protocol } from "./types";

export const PROTOCOLS: Readonly<Record<ProtocolName, Protocol>> = {
  awsJson1_0: awsJsonProtocol("1.0"),
  awsJson1_1: awsJsonProtocol("1.1"),
  awsCbor1_1: awsCborProtocol,
  awsQuery: awsQueryProtocol,
  restJson1: restJsonProtocol,
};
