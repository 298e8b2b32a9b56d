"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, type Column } from "../../../../../_components/DataTable";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { IamRoleSelect } from "../IamRoleSelect";
import { useIdentityPoolRoles, type PoolRoles } from "../use-identity-pools";

type Mapping = [string, PoolRoles["RoleMappings"][string]];

const roleValue = (arn: string | undefined) => (arn ? <code className="break-all">{arn}</code> : "No role");

const mappingColumns: Column<Mapping>[] = [
  { header: "Provider", cell: ([key]) => <code className="break-all">{key}</code> },
  { header: "Type", cell: ([, m]) => (m.Type === "Token" ? "Use cognito:preferred_role in tokens" : "Choose role with rules") },
  { header: "Rules", cell: ([, m]) => (m.RulesConfiguration?.Rules ?? []).map((r) => `${r.Claim} ${r.MatchType} “${r.Value}” → ${r.RoleARN}`).join("; ") || "–" },
  { header: "Role resolution", cell: ([, m]) => (m.AmbiguousRoleResolution === "AuthenticatedRole" ? "Use default authenticated role" : "Deny") },
];

/** The pool's two roles (editable) and its role mappings (read-only). */
export function RolesPanel({ poolId, canChange }: { poolId: string; canChange: boolean }) {
  const roles = useIdentityPoolRoles(poolId);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Container
        title="Roles"
        description="The IAM roles identities assume when they get credentials."
        actions={
          <Button disabled={!roles.data || !canChange} onClick={() => setEditing(true)}>
            Edit roles
          </Button>
        }
      >
        <QueryResult query={roles} loadingLabel="Loading roles">
          {(loaded) => {
            const mappings = Object.entries(loaded.RoleMappings);
            return (
              <div className="stack">
                <KeyValueGrid label="Roles">
                  <KeyValue label="Authenticated role">{roleValue(loaded.Roles.authenticated)}</KeyValue>
                  <KeyValue label="Unauthenticated role">{roleValue(loaded.Roles.unauthenticated)}</KeyValue>
                </KeyValueGrid>
                {mappings.length > 0 && <DataTable label="Role mappings" columns={mappingColumns} rows={mappings} rowKey={([key]) => key} empty={null} />}
              </div>
            );
          }}
        </QueryResult>
      </Container>
      {editing && roles.data && <EditRolesModal poolId={poolId} current={roles.data} onClose={() => setEditing(false)} />}
    </>
  );
}

/** SetIdentityPoolRoles with the two roles chosen; the role mappings are kept as they are. */
function EditRolesModal({ poolId, current, onClose }: { poolId: string; current: PoolRoles; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [authenticated, setAuthenticated] = useState(current.Roles.authenticated ?? "");
  const [unauthenticated, setUnauthenticated] = useState(current.Roles.unauthenticated ?? "");
  const save = useMutation(
    trpc.cognito.setIdentityPoolRoles.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.cognito.getIdentityPoolRoles.pathFilter());
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title="Edit roles"
      pending={save.isPending}
      error={save.error}
      onClose={onClose}
      onSubmit={() =>
        save.mutate({
          IdentityPoolId: poolId,
          Roles: { authenticated: authenticated || undefined, unauthenticated: unauthenticated || undefined },
          RoleMappings: current.RoleMappings,
        })
      }
    >
      <div className="stack">
        <IamRoleSelect label="Authenticated role" description="Assumed by users who sign in." value={authenticated} onChange={setAuthenticated} />
        <IamRoleSelect label="Unauthenticated role" description="Assumed by guests." value={unauthenticated} onChange={setUnauthenticated} />
      </div>
    </FormModal>
  );
}
