import { DataTable, type Column } from "../../../../_components/DataTable";
import { StatusIndicator } from "../../../../_components/StatusIndicator";
import type { RouterOutputs } from "../../../../_trpc/types";

type EvaluationResult = RouterOutputs["iam"]["simulatePrincipalPolicy"]["EvaluationResults"][number];

const DECISIONS: Record<EvaluationResult["EvalDecision"], { type: "success" | "error"; label: string }> = {
  allowed: { type: "success", label: "Allowed" },
  explicitDeny: { type: "error", label: "Denied (explicit deny)" },
  implicitDeny: { type: "error", label: "Denied (implicit deny)" },
};

/** Why the decision fell as it did: the statements that matched, or, for an implicit deny, that none allows it. */
function MatchedStatements({ result }: { result: EvaluationResult }) {
  if (result.MatchedStatements.length === 0) return <span className="text-secondary">No statement allows this action.</span>;
  return (
    <ul className="plain-list">
      {result.MatchedStatements.map((s) => (
        <li key={s.SourcePolicyId}>
          <code className="break-all">{s.SourcePolicyId}</code>
        </li>
      ))}
    </ul>
  );
}

const COLUMNS: Column<EvaluationResult>[] = [
  { header: "Action", cell: (r) => <code>{r.EvalActionName}</code>, nowrap: true },
  { header: "Resource", cell: (r) => <code className="break-all">{r.EvalResourceName}</code> },
  {
    header: "Decision",
    nowrap: true,
    cell: (r) => {
      const decision = DECISIONS[r.EvalDecision];
      return <StatusIndicator type={decision.type}>{decision.label}</StatusIndicator>;
    },
  },
  { header: "Matched statements", cell: (r) => <MatchedStatements result={r} /> },
];

/** SimulatePrincipalPolicy's answer: a decision per action and resource, allowed in green and denied in red. */
export function SimulationResults({ results }: { results: readonly EvaluationResult[] }) {
  return <DataTable label="Simulation results" columns={COLUMNS} rows={results} rowKey={(r) => `${r.EvalActionName} ${r.EvalResourceName}`} empty={null} />;
}
