"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "../../../_components/Alert";
import { Container } from "../../../_components/Container";
import type { QueryLike } from "../../../_components/QueryResult";
import { errorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_trpc/client";
import { EnforcementSetting } from "./EnforcementSetting";
import { IamPage } from "./IamPage";
import { IDENTITY_PROVIDERS_HREF, POLICIES_HREF, ROLES_HREF, SIMULATOR_HREF, USERS_HREF } from "./links";
import { usePolicies, useRoles, useUsers } from "./use-iam";

export function IamDashboard() {
  const roles = useRoles();
  const policies = usePolicies("Local");
  const users = useUsers();
  const trpc = useTRPC();
  const providers = useQuery(trpc.iam.listOpenIdConnectProviders.queryOptions({}, { select: (data) => data.OpenIDConnectProviderList }));
  const failed = [roles, policies, users, providers].find((query) => query.isError);
  return (
    <IamPage
      title="IAM dashboard"
      description="Identity and Access Management: the roles services and sessions act as, the policies that say what they may do, and IAM users for programs."
      info="IAM is global: roles, policies and users belong to the team's account, not to a region. Team members sign in to the console and act with their team role; IAM users exist only for access keys."
    >
      <EnforcementSetting />
      <Container title="IAM resources" description="What this team's account holds.">
        <ul className="card-grid" aria-label="IAM resources">
          <ResourceCount title="Roles" text="Identities services and sessions assume" href={ROLES_HREF} items={roles} />
          <ResourceCount title="Customer managed policies" text="Your reusable permissions" href={POLICIES_HREF} items={policies} />
          <ResourceCount title="Users" text="Identities with long-term access keys" href={USERS_HREF} items={users} />
          <ResourceCount title="Identity providers" text="OpenID Connect providers whose users may get credentials" href={IDENTITY_PROVIDERS_HREF} items={providers} />
        </ul>
        {failed && <Alert type="error" title="Couldn't count the IAM resources">{errorMessage(failed.error)}</Alert>}
      </Container>
      <Container title="Tools">
        <p>
          <Link href={SIMULATOR_HREF}>Policy simulator</Link>: test whether a role or user may call an action on a resource, and which statements decide.
        </p>
      </Container>
    </IamPage>
  );
}

function ResourceCount({ title, text, href, items }: { title: string; text: string; href: string; items: QueryLike<readonly unknown[]> }) {
  return (
    <li className="card">
      <p className="card-title">
        <Link href={href}>{title}</Link>
      </p>
      <p className="card-meta">{text}</p>
      <p className="card-count">
        {items.data?.length ?? (items.isPending ? "…" : "–")}
      </p>
    </li>
  );
}
