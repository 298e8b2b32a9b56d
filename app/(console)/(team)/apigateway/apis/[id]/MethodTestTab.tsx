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
import { errorMessage } from "../../../../../_lib/errors";
import { prettyPayload } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { EMPTY_TEST_REQUEST, hasTestRequestErrors, pathParameters, testInvokeRequest, type TestRequestForm, testRequestErrors } from "../../test-request";
import type { MethodTabProps } from "./MethodDetails";

type TestInvokeOutput = RouterOutputs["apigateway"]["testInvokeMethod"];

/** The method's Test tab: a request made up here runs through the method as it is now, deployed or not, and the response and execution log show below. */
export function MethodTestTab({ api, resource, method, canChange }: MethodTabProps) {
  const trpc = useTRPC();
  const [form, setForm] = useState<TestRequestForm>(EMPTY_TEST_REQUEST);
  const [submitted, setSubmitted] = useState(false);
  const invoke = useMutation(trpc.apigateway.testInvokeMethod.mutationOptions());
  const parameters = pathParameters(resource.path);
  const errors = testRequestErrors(form, parameters);
  const shown = submitted ? errors : undefined;
  const set = (change: Partial<TestRequestForm>) => setForm((f) => ({ ...f, ...change }));

  function test() {
    setSubmitted(true);
    if (hasTestRequestErrors(errors)) return;
    invoke.mutate({ restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod, ...testInvokeRequest(resource.path, form) });
  }

  return (
    <div className="stack-lg">
      <Container
        title="Test method"
        description="Runs the method as it is now, before any deployment, without authorization or throttling."
        actions={
          <Button variant="primary" disabled={!canChange} loading={invoke.isPending} onClick={test}>
            Test
          </Button>
        }
      >
        <div className="stack">
          {parameters.length > 0 && (
            <div className="form-grid">
              {parameters.map(({ name, greedy }) => (
                <FormField key={name} label={`{${name}${greedy ? "+" : ""}}`} description={greedy ? "May hold several path parts, e.g. a/b/c." : undefined} error={shown?.pathValues[name]}>
                  {(control) => (
                    <input {...control} className="input" value={form.pathValues[name] ?? ""} autoComplete="off" spellCheck={false} onChange={(e) => set({ pathValues: { ...form.pathValues, [name]: e.target.value } })} />
                  )}
                </FormField>
              ))}
            </div>
          )}
          <FormField label="Query strings" description="e.g. param1=value1&param2=value2">
            {(control) => <input {...control} className="input code-input" value={form.query} autoComplete="off" spellCheck={false} onChange={(e) => set({ query: e.target.value })} />}
          </FormField>
          <div className="form-grid">
            <FormField label="Headers" description="One header a line, as Name:Value." error={shown?.headers}>
              {(control) => (
                <textarea {...control} className="input textarea code-input" rows={4} spellCheck={false} placeholder="Accept:application/json" value={form.headers} onChange={(e) => set({ headers: e.target.value })} />
              )}
            </FormField>
            <FormField label="Stage variables" description="One variable a line, as name=value." error={shown?.stageVariables}>
              {(control) => (
                <textarea {...control} className="input textarea code-input" rows={4} spellCheck={false} value={form.stageVariables} onChange={(e) => set({ stageVariables: e.target.value })} />
              )}
            </FormField>
          </div>
          <FormField label="Request body">
            {(control) => <CodeEditor value={form.body} onChange={(body) => set({ body })} language="json" label="Request body" describedBy={control["aria-describedby"]} minHeight={120} maxHeight={320} />}
          </FormField>
        </div>
      </Container>
      {invoke.isError && (
        <Alert type="error" title="Couldn't test the method">
          {errorMessage(invoke.error)}
        </Alert>
      )}
      {invoke.data && invoke.variables && <TestResult request={`${method.httpMethod} ${invoke.variables.pathWithQueryString ?? resource.path}`} result={invoke.data} />}
    </div>
  );
}

/** `Name: value` a line, every value of every header. */
const headerLines = (headers: TestInvokeOutput["multiValueHeaders"]) =>
  Object.entries(headers)
    .flatMap(([name, values]) => values.map((value) => `${name}: ${value}`))
    .join("\n");

/** What the test answered, as the AWS console shows it: the request, status and latency, then the response and the execution log. */
function TestResult({ request, result }: { request: string; result: TestInvokeOutput }) {
  return (
    <Container title="Test result">
      <div className="stack">
        <KeyValueGrid label="Test result">
          <KeyValue label="Request">
            <code className="break-all">{request}</code>
          </KeyValue>
          <KeyValue label="Status">{result.status}</KeyValue>
          <KeyValue label="Latency">{result.latency} ms</KeyValue>
        </KeyValueGrid>
        <CodeBlock label="Response body" code={prettyPayload(result.body) || "(empty)"} />
        <CodeBlock label="Response headers" code={headerLines(result.multiValueHeaders) || "(none)"} />
        <CodeBlock label="Logs" code={result.log} />
      </div>
    </Container>
  );
}
