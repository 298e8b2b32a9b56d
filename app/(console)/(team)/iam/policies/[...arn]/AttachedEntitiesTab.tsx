"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { roleHref, userHref } from "../../links";

interface AttachedEntity {
  type: "Role" | "User";
  name: string;
  href: string;
}

/** The roles and users the policy is attached to (ListEntitiesForPolicy). */
export function AttachedEntitiesTab({ arn }: { arn: string }) {
  const trpc = useTRPC();
  const entities = useQuery(
    trpc.iam.listEntitiesForPolicy.queryOptions(
      { PolicyArn: arn },
      {
        select: (data): AttachedEntity[] => [
          ...data.PolicyRoles.map((r): AttachedEntity => ({ type: "Role", name: r.RoleName, href: roleHref(r.RoleName) })),
          ...data.PolicyUsers.map((u): AttachedEntity => ({ type: "User", name: u.UserName, href: userHref(u.UserName) })),
        ],
      },
    ),
  );
  return (
    <Container title="Entities attached" counter={entities.data?.length} description="The roles and users this policy gives permissions to." flush>
      <QueryResult query={entities} loadingLabel="Loading attached entities">
        {(rows) => (
          <DataTable
            label="Entities attached"
            columns={[
              { header: "Entity name", cell: (e) => <Link href={e.href}>{e.name}</Link> },
              { header: "Entity type", cell: (e) => e.type, nowrap: true },
            ]}
            rows={rows}
            rowKey={(e) => `${e.type}:${e.name}`}
            empty={<EmptyState title="Not attached">Attach the policy on a role&apos;s or user&apos;s Permissions tab.</EmptyState>}
          />
        )}
      </QueryResult>
    </Container>
  );
}
