"use client";

import type { ReactNode } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { PageHeader } from "../../../_components/PageHeader";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { IamNav } from "./IamNav";

interface IamPageProps {
  title: string;
  description: ReactNode;
  info?: ReactNode;
  /** What the page lists, named in the note viewers see: "roles". */
  resources?: string;
  children: ReactNode;
}

/** One of IAM's top-level pages: its header under "IAM", the service's navigation, then the page. */
export function IamPage({ title, description, info, resources, children }: IamPageProps) {
  const readOnly = !roleAtLeast(useCurrentTeam().role, "developer");
  return (
    <>
      <PageHeader title={title} breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: title }]} description={description} info={info} />
      <div className="stack-lg">
        <IamNav />
        {resources && readOnly && (
          <Alert type="info">Viewers can look at {resources} but cannot create, change or delete them. Ask an owner or admin for the developer role.</Alert>
        )}
        {children}
      </div>
    </>
  );
}
