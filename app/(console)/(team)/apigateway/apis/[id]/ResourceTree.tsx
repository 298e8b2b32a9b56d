import type { TreeResource } from "../../use-api";

/** A resource, or one of its methods when `httpMethod` is set. */
export interface TreeSelection {
  resourceId: string;
  httpMethod?: string;
}

interface ResourceTreeProps {
  resources: readonly TreeResource[];
  selection: TreeSelection;
  onSelect: (selection: TreeSelection) => void;
}

/** The API's paths as a tree, each resource with its methods under it; choosing one shows it beside the tree. */
export function ResourceTree({ resources, selection, onSelect }: ResourceTreeProps) {
  // The resources come ordered by path, so each one's children keep that order.
  const children = new Map<string, TreeResource[]>();
  for (const resource of resources) {
    const parent = resource.parentId ?? "";
    children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  const roots = children.get("") ?? [];
  return (
    <ul className="apigw-tree" aria-label="Resource tree">
      {roots.map((root) => (
        <TreeNode key={root.id} resource={root} childrenOf={(id) => children.get(id) ?? []} selection={selection} onSelect={onSelect} />
      ))}
    </ul>
  );
}

interface TreeNodeProps extends Omit<ResourceTreeProps, "resources"> {
  resource: TreeResource;
  childrenOf: (resourceId: string) => readonly TreeResource[];
}

function TreeNode({ resource, childrenOf, selection, onSelect }: TreeNodeProps) {
  const kids = childrenOf(resource.id);
  const current = (httpMethod?: string) => (selection.resourceId === resource.id && selection.httpMethod === httpMethod) || undefined;
  return (
    <li>
      {/* Named by the full path: path parts such as {id} repeat across the tree. */}
      <button type="button" className="apigw-tree-item" aria-label={resource.path} aria-current={current()} onClick={() => onSelect({ resourceId: resource.id })}>
        {resource.pathPart ? `/${resource.pathPart}` : "/"}
      </button>
      {(resource.methods.length > 0 || kids.length > 0) && (
        <ul>
          {resource.methods.map((method) => (
            <li key={method.httpMethod}>
              <button
                type="button"
                className="apigw-tree-item apigw-tree-method"
                aria-label={`${method.httpMethod} ${resource.path}`}
                aria-current={current(method.httpMethod)}
                onClick={() => onSelect({ resourceId: resource.id, httpMethod: method.httpMethod })}
              >
                {method.httpMethod}
              </button>
            </li>
          ))}
          {kids.map((kid) => (
            <TreeNode key={kid.id} resource={kid} childrenOf={childrenOf} selection={selection} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}
