/**
 * Matching a request path to a deployed resource, as API Gateway does: a literal path part wins over
 * a `{param}` part, which wins over a greedy `{param+}` (which takes one or more parts); then the
 * resource's method for the request's verb, else its ANY method.
 */
import type { DeploymentSnapshot, Method } from "../model";

type Part = { kind: "literal"; text: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

interface Node {
  literals: Map<string, Node>;
  param?: { name: string; node: Node };
  greedy?: { name: string; resource: DeployedResource };
  resource?: DeployedResource;
}

export interface DeployedResource {
  id: string;
  path: string;
  methods: Record<string, Method>;
}

export interface RouteMatch {
  resource: DeployedResource;
  /** The method that serves the request (its own verb, or ANY). */
  method: Method;
  /** Decoded path parameter values by name. */
  pathParameters: Record<string, string>;
}

function partOf(pathPart: string): Part {
  const param = /^\{([^}+]+)(\+?)\}$/.exec(pathPart);
  if (!param) return { kind: "literal", text: pathPart };
  return param[2] ? { kind: "greedy", name: param[1]! } : { kind: "param", name: param[1]! };
}

const emptyNode = (): Node => ({ literals: new Map() });

/** A deployment's resources, compiled once per deployment for matching. */
export class RouteTable {
  readonly #root = emptyNode();

  constructor(snapshot: DeploymentSnapshot) {
    for (const { id, path, methods } of snapshot.resources) {
      const resource: DeployedResource = { id, path, methods };
      let node = this.#root;
      const parts = path.split("/").filter(Boolean).map(partOf);
      parts.forEach((part, index) => {
        if (part.kind === "greedy") {
          // A greedy part is always a path's last one (CreateResource refuses children under it).
          if (index === parts.length - 1) node.greedy = { name: part.name, resource };
          return;
        }
        if (part.kind === "literal") {
          let next = node.literals.get(part.text);
          if (!next) node.literals.set(part.text, (next = emptyNode()));
          node = next;
        } else {
          node.param ??= { name: part.name, node: emptyNode() };
          node = node.param.node;
        }
        if (index === parts.length - 1) node.resource = resource;
      });
      if (parts.length === 0) this.#root.resource = resource;
    }
  }

  /** The resource and method for `httpMethod` on `path` (percent-encoded, from "/"), if the API has them. */
  match(httpMethod: string, path: string): RouteMatch | undefined {
    const segments = path.split("/").slice(1);
    // "/hello/" is "/hello"; empty parts elsewhere match nothing but a greedy parameter.
    if (segments.at(-1) === "") segments.pop();
    const found = find(this.#root, segments, 0, {});
    if (!found) return undefined;
    const method = found.resource.methods[httpMethod] ?? found.resource.methods.ANY;
    return method ? { resource: found.resource, method, pathParameters: found.params } : undefined;
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function find(node: Node, segments: string[], index: number, params: Record<string, string>): { resource: DeployedResource; params: Record<string, string> } | undefined {
  if (index === segments.length) return node.resource ? { resource: node.resource, params } : undefined;
  const segment = decode(segments[index]!);
  const literal = node.literals.get(segment);
  const viaLiteral = literal && find(literal, segments, index + 1, params);
  if (viaLiteral) return viaLiteral;
  if (node.param && segment !== "") {
    const viaParam = find(node.param.node, segments, index + 1, { ...params, [node.param.name]: segment });
    if (viaParam) return viaParam;
  }
  if (node.greedy) return { resource: node.greedy.resource, params: { ...params, [node.greedy.name]: segments.slice(index).map(decode).join("/") } };
  return undefined;
}
