"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { type RestApi, type TreeResource, useRefreshApis } from "../../use-api";

const PROXY_PART = "{proxy+}";
const isGreedy = (resource: TreeResource) => resource.pathPart?.endsWith("+}") ?? false;

interface CreateResourceModalProps {
  api: RestApi;
  resources: readonly TreeResource[];
  /** Where the new resource goes, unless the user picks another parent. */
  parent: TreeResource;
  onClose: () => void;
  /** Called with the new resource once the tree has been read again (so it can be selected in it). */
  onCreated: (resource: { id: string; path: string }) => void;
}

/** CreateResource: a path part under a parent; `{name}` is a path variable, `{name+}` a greedy one that catches every path below. */
export function CreateResourceModal({ api, resources, parent, onClose, onCreated }: CreateResourceModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  // Nothing can go below a greedy variable.
  const parents = resources.filter((resource) => !isGreedy(resource));
  const [parentId, setParentId] = useState(isGreedy(parent) ? api.rootResourceId : parent.id);
  const [proxy, setProxy] = useState(false);
  const [pathPart, setPathPart] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error =
    pathPart === ""
      ? "Enter a resource name."
      : proxy && !/^\{[^{}]+\+\}$/.test(pathPart)
        ? `A proxy resource's name is a greedy path variable, such as ${PROXY_PART}.`
        : undefined;

  const create = useMutation(
    trpc.apigateway.createResource.mutationOptions({
      async onSuccess(created) {
        await refresh();
        onCreated(created);
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!error) create.mutate({ restApiId: api.id, parentId, pathPart });
  }

  return (
    <FormModal title="Create resource" submitLabel="Create resource" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={proxy}
              onChange={(e) => {
                setProxy(e.target.checked);
                if (e.target.checked && pathPart === "") setPathPart(PROXY_PART);
              }}
            />
            <span>Proxy resource</span>
          </label>
          <p className="form-description">A greedy path variable, {PROXY_PART}, that takes every request to a path below its parent.</p>
        </div>
        <FormField label="Resource path" description="The parent of the new resource.">
          {(control) => (
            <select {...control} className="select" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              {parents.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.path}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          label="Resource name"
          constraint="Letters, digits, periods (.), hyphens (-) and underscores (_). {name} makes a path variable, {name+} a greedy one."
          error={submitted ? error : undefined}
        >
          {(control) => (
            <input {...control} className="input" value={pathPart} autoComplete="off" spellCheck={false} placeholder={proxy ? PROXY_PART : "pets"} onChange={(e) => setPathPart(e.target.value.trim())} />
          )}
        </FormField>
      </div>
    </FormModal>
  );
}
