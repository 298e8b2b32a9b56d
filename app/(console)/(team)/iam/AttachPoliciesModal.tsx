"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { FormModal } from "../../../_components/FormModal";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { useEntityPolicyCalls, type IamEntity } from "./entity-policies";
import { policyTypeLabel } from "./links";
import { usePolicies, useRefreshIam, type Policy } from "./use-iam";
import "./iam.css";

interface AttachPoliciesModalProps {
  entity: IamEntity;
  /** ARNs attached already, left out of the list. */
  attached: readonly string[];
  onClose: () => void;
}

/** Picks managed policies (AWS managed and the account's own) from a searchable list and attaches them. */
export function AttachPoliciesModal({ entity, attached, onClose }: AttachPoliciesModalProps) {
  const refresh = useRefreshIam();
  const calls = useEntityPolicyCalls(entity);
  const policies = usePolicies("All");
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const attach = useMutation({
    // One at a time: IAM counts the entity's attachments against its quota on each call.
    mutationFn: async (arns: string[]) => {
      for (const arn of arns) await calls.attach(arn);
    },
    async onSuccess() {
      await refresh();
      onClose();
    },
  });

  const needle = search.trim().toLowerCase();
  const rows = (policies.data ?? []).filter((p) => !attached.includes(p.Arn) && p.PolicyName.toLowerCase().includes(needle));
  const choose = (arn: string, on: boolean) => setChosen((all) => (on ? new Set([...all, arn]) : new Set([...all].filter((a) => a !== arn))));

  const columns: Column<Policy>[] = [
    {
      header: "Select",
      hideHeader: true,
      cell: (p) => <input type="checkbox" aria-label={`Select ${p.PolicyName}`} checked={chosen.has(p.Arn)} onChange={(e) => choose(p.Arn, e.target.checked)} />,
    },
    { header: "Policy name", cell: (p) => p.PolicyName },
    { header: "Type", cell: (p) => policyTypeLabel(p.Arn), nowrap: true },
    { header: "Description", cell: (p) => p.Description ?? "–" },
  ];

  function submit() {
    setSubmitted(true);
    if (chosen.size > 0) attach.mutate([...chosen]);
  }

  return (
    <FormModal title={`Attach policies to ${entity.name}`} submitLabel="Add permissions" pending={attach.isPending} error={attach.error} onSubmit={submit} onClose={onClose}>
      <SearchField label="Search policies" placeholder="Search policies by name" value={search} onChange={setSearch} />
      <div className="iam-picker">
        <QueryResult query={policies} loadingLabel="Loading policies">
          {() => (
            <DataTable
              label="Policies to attach"
              columns={columns}
              rows={rows}
              rowKey={(p) => p.Arn}
              empty={<EmptyState title="No policies">{needle ? `No policy names contain “${search}”.` : "Every policy is attached already."}</EmptyState>}
            />
          )}
        </QueryResult>
      </div>
      <p className={submitted && chosen.size === 0 ? "form-error" : "form-description"} role="status">
        {chosen.size === 0 ? (submitted ? "Choose at least one policy." : "No policies chosen.") : `${chosen.size} ${chosen.size === 1 ? "policy" : "policies"} chosen.`}
      </p>
    </FormModal>
  );
}
