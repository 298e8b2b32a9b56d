"use client";

import { FormField } from "../../../../../_components/FormField";
import { AUTHORIZATION_TYPES, authorizerAuthorization, type MethodAuthorization } from "../../method-settings";
import { type Authorizer, useAuthorizers } from "../../use-api";

interface AuthorizationSelectProps {
  restApiId: string;
  value: MethodAuthorization;
  onChange: (value: MethodAuthorization) => void;
}

/** A method's authorization, as the AWS console offers it: none, IAM, or one of the API's authorizers by name. */
export function AuthorizationSelect({ restApiId, value, onChange }: AuthorizationSelectProps) {
  const authorizers = useAuthorizers(restApiId);
  const all = authorizers.data ?? [];
  const lambda = all.filter((authorizer) => authorizer.type !== "COGNITO_USER_POOLS");
  const cognito = all.filter((authorizer) => authorizer.type === "COGNITO_USER_POOLS");
  // Until the authorizers load (or if the method's is gone), the method's own stays chosen by its ID.
  const unlisted = value.authorizerId !== undefined && !all.some((authorizer) => authorizer.id === value.authorizerId);

  function choose(choice: string) {
    const authorizer = all.find((candidate) => candidate.id === choice);
    onChange(authorizer ? authorizerAuthorization(authorizer) : { authorizationType: choice });
  }

  return (
    <FormField label="Authorization" description={authorizers.data?.length === 0 ? "The API has no authorizers yet: create them on its Authorizers tab." : undefined}>
      {(control) => (
        <select {...control} className="select" value={value.authorizerId ?? value.authorizationType} onChange={(e) => choose(e.target.value)}>
          {AUTHORIZATION_TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
          {unlisted && <option value={value.authorizerId}>{value.authorizerId}</option>}
          <AuthorizerOptions label="Lambda authorizers" authorizers={lambda} />
          <AuthorizerOptions label="Cognito user pool authorizers" authorizers={cognito} />
        </select>
      )}
    </FormField>
  );
}

function AuthorizerOptions({ label, authorizers }: { label: string; authorizers: readonly Authorizer[] }) {
  if (authorizers.length === 0) return null;
  return (
    <optgroup label={label}>
      {authorizers.map((authorizer) => (
        <option key={authorizer.id} value={authorizer.id}>
          {authorizer.name}
        </option>
      ))}
    </optgroup>
  );
}
