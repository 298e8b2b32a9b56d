"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { CodeEditor } from "../../../../../_components/CodeEditor";
import { Container } from "../../../../../_components/Container";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { RadioGroup } from "../../../../../_components/Tiles";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { errorMessage } from "../../../../../_lib/errors";
import { prettyPayload } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { parseReport } from "../../report";
import { EVENT_TEMPLATES, useTestEvents } from "../../test-events";
import type { FunctionConfiguration } from "../../use-function";

type InvokeOutput = RouterOutputs["lambda"]["invoke"];

const EVENT_NAME = /^[A-Za-z0-9._-]{1,25}$/;
const templateJson = (id: string) => JSON.stringify(EVENT_TEMPLATES.find((t) => t.id === id)?.json ?? {}, null, 2);

function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return `The event must be valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The Test tab: saved test events (in this browser), Test invokes $LATEST and shows the result, log tail and REPORT figures. */
export function TestTab({ config, canInvoke }: { config: FunctionConfiguration; canInvoke: boolean }) {
  const trpc = useTRPC();
  const team = useCurrentTeam();
  const { region } = useConsole();
  const saved = useTestEvents(team.accountId, region, config.FunctionName);
  const [mode, setMode] = useState<"new" | "saved">("new");
  const [name, setName] = useState("");
  const [template, setTemplate] = useState(EVENT_TEMPLATES[0]!.id);
  const [json, setJson] = useState(() => templateJson(EVENT_TEMPLATES[0]!.id));
  const [problem, setProblem] = useState<{ name?: string; json?: string }>({});
  const [notice, setNotice] = useState<string | null>(null);
  const invoke = useMutation(trpc.lambda.invoke.mutationOptions());

  function openSaved(eventName: string) {
    const event = saved.events.find((e) => e.name === eventName);
    if (!event) return;
    setMode("saved");
    setName(event.name);
    setJson(event.json);
    setProblem({});
  }

  function changeMode(next: "new" | "saved") {
    setNotice(null);
    if (next === "saved" && saved.events[0]) return openSaved(saved.events[0].name);
    setMode("new");
    setName("");
    setJson(templateJson(template));
    setProblem({});
  }

  function save() {
    const issues = {
      name: EVENT_NAME.test(name) ? undefined : "Enter an event name: up to 25 letters, numbers, periods (.), hyphens (-) and underscores (_).",
      json: jsonError(json),
    };
    setProblem(issues);
    if (issues.name || issues.json) return;
    saved.save({ name, json });
    setMode("saved");
    setNotice(`The test event ${name} was saved.`);
  }

  function test() {
    const issue = jsonError(json);
    setProblem({ json: issue });
    setNotice(null);
    if (!issue) invoke.mutate({ FunctionName: config.FunctionName, Payload: json, LogType: "Tail" });
  }

  return (
    <div className="stack-lg">
      {invoke.isError && (
        <Alert type="error" title="Couldn't invoke the function">
          {errorMessage(invoke.error)}
        </Alert>
      )}
      {invoke.data && <InvokeResult result={invoke.data} />}
      <Container
        title="Test event"
        description="To invoke your function without saving an event, configure the JSON event, then choose Test."
        info="Saved events are private: they are kept in this browser, for this team, region and function."
        actions={
          <>
            <Button disabled={!canInvoke} onClick={save}>
              Save
            </Button>
            <Button variant="primary" disabled={!canInvoke} loading={invoke.isPending} onClick={test}>
              Test
            </Button>
          </>
        }
      >
        {notice && <Alert type="success">{notice}</Alert>}
        <RadioGroup
          legend="Test event action"
          name="test-event-action"
          value={mode}
          onChange={changeMode}
          options={[
            { value: "new", label: "Create new event", description: "" },
            { value: "saved", label: "Edit saved event", description: saved.events.length === 0 ? "No saved events yet." : "" },
          ]}
        />
        <div className="form-grid">
          {mode === "saved" ? (
            <FormField label="Event name">
              {(control) => (
                <div className="button-row">
                  <select {...control} className="select" value={name} onChange={(e) => openSaved(e.target.value)}>
                    {saved.events.map((e) => (
                      <option key={e.name} value={e.name}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                  <Button
                    onClick={() => {
                      saved.remove(name);
                      setNotice(`The test event ${name} was deleted.`);
                      changeMode("new");
                    }}
                  >
                    Delete
                  </Button>
                </div>
              )}
            </FormField>
          ) : (
            <>
              <FormField label="Event name" description="Needed to save the event; Test runs it without saving." error={problem.name}>
                {(control) => <input {...control} className="input" value={name} autoComplete="off" placeholder="MyEventName" onChange={(e) => setName(e.target.value)} />}
              </FormField>
              <FormField label="Template" description="A sample event to start from.">
                {(control) => (
                  <select
                    {...control}
                    className="select"
                    value={template}
                    onChange={(e) => {
                      setTemplate(e.target.value);
                      setJson(templateJson(e.target.value));
                    }}
                  >
                    {EVENT_TEMPLATES.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            </>
          )}
        </div>
        <FormField label="Event JSON" error={problem.json}>
          {(control) => (
            <CodeEditor value={json} onChange={setJson} language="json" label="Event JSON" describedBy={control["aria-describedby"]} minHeight={160} maxHeight={400} />
          )}
        </FormField>
      </Container>
    </div>
  );
}

/** AWS's result panel: succeeded or failed, the response, the REPORT figures and the log tail. */
function InvokeResult({ result }: { result: InvokeOutput }) {
  const failed = result.FunctionError !== undefined;
  const report = parseReport(result.LogResult);
  return (
    <>
      <Alert type={failed ? "error" : "success"} title={failed ? "Executing function: failed" : "Executing function: succeeded"}>
        {failed ? `The function returned an error (${result.FunctionError}). The response and the log output below say what happened.` : "The response and the log output are below."}
      </Alert>
      <Container title="Execution result">
        <CodeBlock label="Response" code={prettyPayload(result.Payload) || "null"} />
        <KeyValueGrid label="Summary">
          <KeyValue label="Request ID">
            <code className="break-all">{report?.requestId ?? "–"}</code>
          </KeyValue>
          <KeyValue label="Duration">{report ? `${report.durationMs.toFixed(2)} ms` : "–"}</KeyValue>
          <KeyValue label="Billed duration">{report ? `${report.billedDurationMs} ms` : "–"}</KeyValue>
          <KeyValue label="Resources configured">{report ? `${report.memorySizeMb} MB` : "–"}</KeyValue>
          <KeyValue label="Max memory used">{report ? `${report.maxMemoryUsedMb} MB` : "–"}</KeyValue>
          <KeyValue label="Init duration">{report?.initDurationMs !== undefined ? `${report.initDurationMs.toFixed(2)} ms` : "– (warm start)"}</KeyValue>
          <KeyValue label="Executed version">{result.ExecutedVersion ?? "–"}</KeyValue>
          <KeyValue label="Status code">{result.StatusCode}</KeyValue>
        </KeyValueGrid>
        {result.LogResult !== undefined && <CodeBlock label="Log output" code={result.LogResult} />}
      </Container>
    </>
  );
}
