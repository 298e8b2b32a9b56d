"use client";

import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { type RestApi, useStages } from "../../use-api";
import { StageDetails } from "./StageDetails";

interface StagesTabProps {
  api: RestApi;
  gatewayUrl: string;
  /** The stage to show; the first one when absent or gone. */
  stageName?: string;
  onSelectStage: (stageName: string) => void;
  canChange: boolean;
}

/** The API's stages on the left, the chosen one's invoke URL and settings on the right. */
export function StagesTab({ api, gatewayUrl, stageName, onSelectStage, canChange }: StagesTabProps) {
  const stages = useStages(api.id);
  return (
    <QueryResult query={stages} loadingLabel="Loading stages">
      {(all) => {
        const stage = all.find((s) => s.stageName === stageName) ?? all[0];
        if (!stage) {
          return (
            <Container title="Stages">
              <EmptyState title="No stages">Deploy the API to a new stage to get an invoke URL for it.</EmptyState>
            </Container>
          );
        }
        return (
          <div className="apigw-split">
            <Container title="Stages" counter={all.length}>
              <ul className="apigw-tree" aria-label="Stages">
                {all.map((s) => (
                  <li key={s.stageName}>
                    <button type="button" className="apigw-tree-item" aria-current={s.stageName === stage.stageName || undefined} onClick={() => onSelectStage(s.stageName)}>
                      {s.stageName}
                    </button>
                  </li>
                ))}
              </ul>
            </Container>
            <div className="apigw-split-main">
              <StageDetails key={stage.stageName} api={api} stage={stage} gatewayUrl={gatewayUrl} canChange={canChange} />
            </div>
          </div>
        );
      }}
    </QueryResult>
  );
}
