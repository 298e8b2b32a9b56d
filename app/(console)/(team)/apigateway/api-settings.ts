/** What the console offers and shows of a REST API's settings. */
import type { TileOption } from "../../../_components/Tiles";

export type EndpointType = "REGIONAL" | "EDGE" | "PRIVATE";

export const ENDPOINT_TYPES: readonly TileOption<EndpointType>[] = [
  { value: "REGIONAL", label: "Regional", description: "For clients in the same region." },
  { value: "EDGE", label: "Edge-optimized", description: "For clients spread across the world, through a CDN." },
  { value: "PRIVATE", label: "Private", description: "Reachable only from VPCs, through VPC endpoints." },
];

export function endpointTypeLabel(types: readonly string[]): string {
  return types.map((type) => ENDPOINT_TYPES.find((option) => option.value === type)?.label ?? type).join(", ");
}

export function apiNameError(name: string): string | undefined {
  return name.trim() === "" ? "Enter a name for the API." : undefined;
}
