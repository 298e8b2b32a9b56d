"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AwsCliSnippet } from "../../_components/AwsCliSnippet";
import { Container } from "../../_components/Container";
import { PageHeader } from "../../_components/PageHeader";
import { QueryResult } from "../../_components/QueryResult";
import { useConsole } from "../../_console/ConsoleContext";
import { useCurrentTeam } from "../../_console/TeamGate";
import { formatAccountId } from "../../_lib/format";
import { findService } from "../../_lib/services";
import { useTRPC } from "../../_trpc/client";
import type { RouterOutputs } from "../../_trpc/types";

type ServiceCount = RouterOutputs["dashboard"]["resourceCounts"]["services"][number];

export function ConsoleHome({ gatewayUrl }: { gatewayUrl: string }) {
  const team = useCurrentTeam();
  const { region } = useConsole();
  return (
    <>
      <PageHeader
        title="Console Home"
        breadcrumbs={[{ label: "Console Home" }]}
        description={
          <>
            {team.name} · Account ID {formatAccountId(team.accountId)} · {region}
          </>
        }
      />
      <div className="stack-lg">
        <ResourceCounts />
        <GettingStarted gatewayUrl={gatewayUrl} region={region} />
      </div>
    </>
  );
}

function ResourceCounts() {
  const trpc = useTRPC();
  const counts = useQuery(trpc.dashboard.resourceCounts.queryOptions());
  return (
    <Container title="Resources" description="What this team has in the current region, per service." info="Counts cover the selected region only. Switch regions in the top bar to see the others.">
      <QueryResult query={counts} loadingLabel="Loading resource counts">
        {({ services }) => (
          <ul className="card-grid" aria-label="Resource counts">
            {services.map((service) => (
              <ServiceCard key={service.id} service={service} />
            ))}
          </ul>
        )}
      </QueryResult>
    </Container>
  );
}

function ServiceCard({ service }: { service: ServiceCount }) {
  const known = findService(service.id);
  const title = service.available && known ? <Link href={known.href}>{service.name}</Link> : service.name;
  return (
    <li className="card">
      <p className="card-title">{title}</p>
      {known && <p className="card-meta">{known.description}</p>}
      {service.available ? (
        <p className="card-count">{service.count ?? "–"}</p>
      ) : (
        <p className="card-unavailable">Not available yet</p>
      )}
    </li>
  );
}

const STEPS = [
  { href: "/access-keys", title: "Create an access key", text: "Keys let the AWS CLI and SDKs call Stratus with your role in this team." },
  { href: "/team", title: "Invite your team", text: "Share the account with others as owners, admins, developers or viewers." },
  { href: "/audit", title: "Review the audit log", text: "See every change: who made it, from where, and whether it worked." },
];

function GettingStarted({ gatewayUrl, region }: { gatewayUrl: string; region: string }) {
  return (
    <Container title="Getting started" description="Stratus speaks the AWS APIs: point the official CLI and SDKs at it.">
      <ul className="card-grid card-grid-wide">
        {STEPS.map((step) => (
          <li key={step.href} className="card">
            <p className="card-title">
              <Link href={step.href}>{step.title}</Link>
            </p>
            <p className="card-text">{step.text}</p>
          </li>
        ))}
      </ul>
      <h3 className="subheading">Use the AWS CLI</h3>
      <AwsCliSnippet gatewayUrl={gatewayUrl} region={region} />
    </Container>
  );
}
