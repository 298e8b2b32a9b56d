"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { type TreeResource, useRefreshApis } from "../../use-api";

const CORS_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"] as const;
type CorsMethod = (typeof CORS_METHODS)[number];

/** "Enable CORS": an OPTIONS method answering the preflight, for the methods chosen (the resource's own, at first). */
export function EnableCorsModal({ restApiId, resource, onClose, onEnabled }: { restApiId: string; resource: TreeResource; onClose: () => void; onEnabled: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const own = resource.methods.map((method) => method.httpMethod);
  const [methods, setMethods] = useState<CorsMethod[]>(CORS_METHODS.filter((verb) => own.includes(verb) || own.includes("ANY")));
  const [allowHeaders, setAllowHeaders] = useState("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
  const [allowOrigin, setAllowOrigin] = useState("*");
  const enable = useMutation(
    trpc.apigateway.enableCors.mutationOptions({
      async onSuccess() {
        await refresh();
        onEnabled();
      },
    }),
  );
  return (
    <FormModal
      title={`Enable CORS on ${resource.path}`}
      submitLabel="Enable CORS"
      pending={enable.isPending}
      submitDisabled={methods.length === 0}
      error={enable.error}
      onClose={onClose}
      onSubmit={() => enable.mutate({ restApiId, resourceId: resource.id, allowMethods: methods, allowHeaders, allowOrigin })}
    >
      <fieldset className="stack-sm">
        <legend>Access-Control-Allow-Methods (OPTIONS is added)</legend>
        {CORS_METHODS.map((verb) => (
          <label key={verb} className="checkbox">
            <input
              type="checkbox"
              checked={methods.includes(verb)}
              onChange={(event) => setMethods((all) => (event.target.checked ? [...all, verb] : all.filter((m) => m !== verb)))}
            />
            {verb}
          </label>
        ))}
      </fieldset>
      <FormField label="Access-Control-Allow-Headers">
        {(control) => <input {...control} className="input" value={allowHeaders} onChange={(event) => setAllowHeaders(event.target.value)} />}
      </FormField>
      <FormField label="Access-Control-Allow-Origin">
        {(control) => <input {...control} className="input" value={allowOrigin} onChange={(event) => setAllowOrigin(event.target.value)} />}
      </FormField>
    </FormModal>
  );
}
