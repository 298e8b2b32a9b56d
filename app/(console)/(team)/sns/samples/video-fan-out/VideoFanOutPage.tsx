"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import styles from "./flow.module.css";

type Status = RouterOutputs["sns"]["videoFanOutStatus"];
type Lane = Extract<Status, { exists: true }>["lanes"][number];

/** The flow moves in seconds: poll often enough to watch messages pass through. */
const REFRESH_MS = 1_000;

function LaneCard({ lane }: { lane: Lane }) {
  return (
    <section className={styles.lane} aria-label={`${lane.rendition} lane`} data-testid={`lane-${lane.rendition}`}>
      <strong>{lane.rendition}</strong>
      <div className={styles.step}>
        <span>Subscription filter</span>
        <code>{lane.filterPolicy ?? "none (every upload)"}</code>
      </div>
      <div className={styles.arrow}>↓</div>
      <div className={styles.step}>
        <Link href={`/sqs/queues/${encodeURIComponent(lane.queueName)}`}>{lane.queueName}</Link>
        <span>
          {lane.messages ? (
            <>
              <span className="numeric" data-testid="visible">{lane.messages.visible}</span> waiting, <span className="numeric">{lane.messages.inFlight}</span> in flight
            </>
          ) : (
            "queue deleted"
          )}
        </span>
      </div>
      <div className={styles.arrow}>↓ event source mapping</div>
      <div className={styles.step}>
        <Link href={`/lambda/functions/${encodeURIComponent(lane.functionName)}`}>{lane.functionName}</Link>
        <span>
          <span className="numeric" data-testid="invocations">{lane.invocations}</span> invocations
          {lane.errors > 0 && <>, {lane.errors} failed</>}
        </span>
      </div>
      {lane.recent.length > 0 && (
        <ul className={styles.recent}>
          {lane.recent.map((r) => (
            <li key={r.requestId}>
              {formatDateTime(r.startedAt)} · {r.durationMs.toFixed(1)} ms ·{" "}
              {r.failed ? <StatusIndicator type="error">failed</StatusIndicator> : <StatusIndicator type="success">ok</StatusIndicator>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function VideoFanOutPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const status = useQuery(trpc.sns.videoFanOutStatus.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sns.videoFanOutStatus.queryKey() });
  const create = useMutation(trpc.sns.createVideoFanOutSample.mutationOptions({ onSuccess: refresh }));
  const upload = useMutation(trpc.sns.publishSampleUpload.mutationOptions({ onSuccess: refresh }));
  const [lastUpload, setLastUpload] = useState<string | null>(null);

  const publish = (sourceHeight: number) =>
    upload.mutate({ sourceHeight }, { onSuccess: (out) => setLastUpload(`Published upload event ${out.MessageId} (${sourceHeight} lines)`) });

  return (
    <>
      <PageHeader
        title="Sample: video fan-out"
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Samples" }, { label: "Video fan-out" }]}
        description="An upload event published to one topic fans out to three queues, one per rendition; each queue is drained by a function through an event source mapping. The 1080p subscription has a filter policy: only uploads at least 1080 lines tall get a 1080p rendition."
        info="Creating the sample makes ordinary resources in this team: the topic video-uploads, three queues and three functions named video-transcode-<rendition>, their subscriptions and mappings. Creating it again repairs a partly deleted sample."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can watch the sample but cannot create it or publish uploads.</Alert>}
        {create.error && <Alert type="error" title="Could not create the sample">{create.error.message}</Alert>}
        {upload.error && <Alert type="error" title="Could not publish">{upload.error.message}</Alert>}
        {lastUpload && <Alert type="success">{lastUpload}</Alert>}
        <QueryResult query={status} loadingLabel="Loading the sample">
          {(data) =>
            !data.exists ? (
              <Container title="Create the sample">
                <p>The sample is not in this team yet.</p>
                <Button variant="primary" loading={create.isPending} disabled={!canChange} onClick={() => create.mutate()}>
                  Create sample: video fan-out
                </Button>
              </Container>
            ) : (
              <>
                <Container
                  title="Publish an upload"
                  actions={
                    <>
                      <Button loading={upload.isPending} disabled={!canChange} onClick={() => publish(720)}>
                        Upload a 720-line video
                      </Button>
                      <Button variant="primary" loading={upload.isPending} disabled={!canChange} onClick={() => publish(2160)}>
                        Upload a 2160-line video
                      </Button>
                    </>
                  }
                >
                  <KeyValueGrid>
                    <KeyValue label="Topic">
                      <Link href={`/sns/topics/${encodeURIComponent(data.topicArn.split(":").at(-1)!)}`}>{data.topicArn}</Link>
                    </KeyValue>
                    <KeyValue label="Upload events published (last 15 minutes)">
                      <span className="numeric" data-testid="published">{data.published}</span>
                    </KeyValue>
                  </KeyValueGrid>
                </Container>
                <Container title="Flow" description="Refreshes every second.">
                  <div className={styles.flow}>
                    {data.lanes.map((lane) => (
                      <LaneCard key={lane.rendition} lane={lane} />
                    ))}
                  </div>
                </Container>
              </>
            )
          }
        </QueryResult>
      </div>
    </>
  );
}
