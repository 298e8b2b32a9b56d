"use client";

import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { Flash } from "../../../../../_components/Flash";
import { QueryResult } from "../../../../../_components/QueryResult";
import { type RestApi, useResourceTree } from "../../use-api";
import { CreateResourceModal } from "./CreateResourceModal";
import { MethodDetails } from "./MethodDetails";
import { ResourceDetails } from "./ResourceDetails";
import { ResourceTree, type TreeSelection } from "./ResourceTree";

/** The resource tree editor: the tree on the left, the chosen resource or method on the right. */
export function ResourcesTab({ api, canChange }: { api: RestApi; canChange: boolean }) {
  const tree = useResourceTree(api.id);
  const [selection, setSelection] = useState<TreeSelection>({ resourceId: api.rootResourceId });
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const select = (next: TreeSelection, message: string | null = null) => {
    setSelection(next);
    setDone(message);
  };

  return (
    <QueryResult query={tree} loadingLabel="Loading resources">
      {(resources) => {
        // What was chosen may have been deleted since (here or elsewhere): the root is shown then.
        const resource = resources.find((r) => r.id === selection.resourceId) ?? resources.find((r) => r.parentId === undefined);
        const method = resource?.methods.find((m) => m.httpMethod === selection.httpMethod);
        return (
          <div className="stack-lg">
            <Flash message={done} onDismiss={() => setDone(null)} />
            <div className="apigw-split">
              <Container
                title="Resources"
                actions={
                  <Button disabled={!canChange || !resource} onClick={() => setCreating(true)}>
                    Create resource
                  </Button>
                }
              >
                <ResourceTree resources={resources} selection={{ resourceId: resource?.id ?? "", httpMethod: method?.httpMethod }} onSelect={(next) => select(next)} />
              </Container>
              <div className="apigw-split-main">
                {resource && method && (
                  <MethodDetails
                    key={`${resource.id} ${method.httpMethod}`}
                    api={api}
                    resource={resource}
                    method={method}
                    canChange={canChange}
                    onDeleted={() => select({ resourceId: resource.id }, `Method ${method.httpMethod} on ${resource.path} was deleted.`)}
                  />
                )}
                {resource && !method && (
                  <ResourceDetails
                    api={api}
                    resource={resource}
                    canChange={canChange}
                    onSelectMethod={(httpMethod) => select({ resourceId: resource.id, httpMethod })}
                    onMethodCreated={(httpMethod) => select({ resourceId: resource.id, httpMethod }, `Method ${httpMethod} on ${resource.path} was created.`)}
                    onDeleted={() => select({ resourceId: resource.parentId ?? api.rootResourceId }, `Resource ${resource.path} was deleted.`)}
                  />
                )}
              </div>
            </div>
            {creating && resource && (
              <CreateResourceModal
                api={api}
                resources={resources}
                parent={resource}
                onClose={() => setCreating(false)}
                onCreated={(created) => {
                  setCreating(false);
                  select({ resourceId: created.id }, `Resource ${created.path} was created.`);
                }}
              />
            )}
          </div>
        );
      }}
    </QueryResult>
  );
}
