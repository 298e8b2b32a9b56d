"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { CodeEditor, languageForPath } from "../../../../_components/CodeEditor";
import { Container } from "../../../../_components/Container";
import { FormField } from "../../../../_components/FormField";
import { PageHeader } from "../../../../_components/PageHeader";
import { RadioGroup, Tiles } from "../../../../_components/Tiles";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { useFormSubmit } from "../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../_trpc/client";
import { ExecutionRoleField, useCreateExecutionRole } from "../execution-role";
import { checkFunctionName, checkHandler, checkRoleArn } from "../function-rules";
import { functionHref } from "../links";
import { RuntimeSelect } from "../RuntimeSelect";
import { BLUEPRINTS, scratchCode, type BlueprintId, type Runtime } from "../runtimes";
import { ZipFileInput, type ZipUpload } from "../ZipFileInput";
import "../lambda.css";

type Method = "scratch" | "blueprint" | "zip";
type RoleMode = "create" | "existing";

const METHODS = [
  { value: "scratch", label: "Author from scratch", description: "Start with a simple Hello World handler and edit it in the console." },
  { value: "blueprint", label: "Use a blueprint", description: "Start from sample code for a common use case." },
  { value: "zip", label: "Upload a .zip file", description: "Upload a deployment package built for AWS Lambda (up to 50 MB)." },
] as const;

const ROLE_MODES = [
  { value: "create", label: "Create a new role with basic Lambda permissions", description: "A role Lambda may assume, with permission to write the function's logs." },
  { value: "existing", label: "Use an existing role", description: "A role of this account that Lambda may assume." },
] as const;

const BLUEPRINT_OPTIONS = (Object.keys(BLUEPRINTS) as BlueprintId[]).map((id) => ({ value: id, label: BLUEPRINTS[id].label, description: BLUEPRINTS[id].description }));

interface Form {
  method: Method;
  blueprint: BlueprintId;
  name: string;
  runtime: Runtime;
  handler: string;
  roleMode: RoleMode;
  role: string;
  zip: ZipUpload | null;
}

export function CreateFunctionPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [form, setForm] = useState<Form>(() => ({
    method: "scratch",
    blueprint: "hello-world-nodejs",
    name: "",
    runtime: "nodejs20.x",
    handler: scratchCode("nodejs20.x").handler,
    roleMode: "create",
    role: "",
    zip: null,
  }));

  const create = useMutation(
    trpc.lambda.createFunction.mutationOptions({
      async onSuccess(_data, variables) {
        await queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        router.push(`${functionHref(variables.FunctionName)}?created=1`);
      },
    }),
  );

  const newRole = useCreateExecutionRole();
  const [roleError, setRoleError] = useState<string>();
  const blueprint = BLUEPRINTS[form.blueprint];
  const starter = form.method === "blueprint" ? blueprint : scratchCode(form.runtime);
  const errors = {
    name: checkFunctionName(form.name),
    handler: checkHandler(form.handler),
    role: form.roleMode === "existing" ? checkRoleArn(form.role) : undefined,
    zip: form.method === "zip" && !form.zip ? "Choose a .zip file." : undefined,
  };
  const { submitted, handleSubmit } = useFormSubmit(Object.values(errors).some(Boolean));
  const shown: Partial<typeof errors> = submitted ? errors : {};

  function update(change: Partial<Form>) {
    setForm((f) => {
      const next = { ...f, ...change };
      // A blueprint fixes runtime and handler; otherwise the handler follows the runtime's starter code.
      if (next.method === "blueprint") {
        next.runtime = BLUEPRINTS[next.blueprint].runtime;
        next.handler = BLUEPRINTS[next.blueprint].handler;
      } else if (change.method !== undefined || change.runtime !== undefined) {
        next.handler = scratchCode(next.runtime).handler;
      }
      return next;
    });
  }

  const submit = handleSubmit(async () => {
    create.reset();
    setRoleError(undefined);
    let role = form.role.trim();
    if (form.roleMode === "create") {
      try {
        role = await newRole.create(form.name);
      } catch (error) {
        setRoleError(errorMessage(error));
        return;
      }
      // A second attempt (the function's creation failed) uses the role made by the first.
      setForm((f) => ({ ...f, roleMode: "existing", role }));
    }
    create.mutate({
      FunctionName: form.name,
      Runtime: form.runtime,
      Handler: form.handler.trim(),
      Role: role,
      Code: form.method === "zip" && form.zip ? { ZipFile: form.zip.base64 } : { InlineFiles: starter.files },
    });
  });

  return (
    <>
      <PageHeader
        title="Create function"
        breadcrumbs={[{ label: "Lambda", href: "/lambda" }, { label: "Functions", href: "/lambda" }, { label: "Create function" }]}
        description="Choose one of the following options to create your function."
      />
      <form onSubmit={submit} noValidate className="form" aria-label="Create function">
        <fieldset disabled={!canChange} className="stack-lg">
          {!canChange && <Alert type="info">Viewers cannot create functions. Ask an owner or admin for the developer role.</Alert>}
          <Container title="How to start">
            <Tiles legend="Create function from" name="create-method" value={form.method} options={METHODS} onChange={(method) => update({ method })} />
            {form.method === "blueprint" && (
              <RadioGroup legend="Blueprint" name="blueprint" value={form.blueprint} options={BLUEPRINT_OPTIONS} onChange={(id) => update({ blueprint: id })} />
            )}
          </Container>

          <Container title="Basic information">
            <div className="form-grid">
              <FormField
                label="Function name"
                description="Enter a name that describes the purpose of your function."
                constraint="Up to 64 characters: letters, numbers, hyphens (-) and underscores (_)."
                error={shown.name}
              >
                {(control) => (
                  <input {...control} className="input" value={form.name} autoComplete="off" spellCheck={false} placeholder="myFunctionName" onChange={(e) => update({ name: e.target.value.trim() })} />
                )}
              </FormField>
              <RuntimeSelect value={form.runtime} disabled={form.method === "blueprint"} onChange={(runtime) => update({ runtime })} />
              <FormField
                label="Handler"
                description={form.method === "zip" ? "The file and exported function Lambda calls, e.g. index.handler." : "Set by the starter code; change it after you rename the file or function."}
                error={shown.handler}
              >
                {(control) => <input {...control} className="input" value={form.handler} spellCheck={false} onChange={(e) => setForm((f) => ({ ...f, handler: e.target.value }))} />}
              </FormField>
            </div>
          </Container>

          <Container title="Execution role" description="The role the function's code acts as: its AWS SDK calls get the role's temporary credentials.">
            <div className="stack-lg">
              <RadioGroup legend="Execution role" name="role-mode" value={form.roleMode} options={ROLE_MODES} onChange={(roleMode) => setForm((f) => ({ ...f, roleMode }))} />
              {form.roleMode === "existing" && <ExecutionRoleField value={form.role} error={shown.role} onChange={(role) => setForm((f) => ({ ...f, role }))} />}
            </div>
          </Container>

          {form.method === "zip" ? (
            <Container title="Code source" description="A .zip of your code and its dependencies, with the handler's file at the root.">
              <ZipFileInput value={form.zip} error={shown.zip} onChange={(zip) => setForm((f) => ({ ...f, zip }))} />
            </Container>
          ) : (
            <Container title="Code preview" description="The function starts with this code. Edit it in the Code tab once the function exists.">
              <div className="stack-lg">
                {starter.files.map((file) => (
                  <div key={file.path}>
                    <h3 className="lambda-code-filename mono">{file.path}</h3>
                    <CodeEditor value={file.content} language={languageForPath(file.path)} label={`Code preview of ${file.path}`} readOnly minHeight={0} maxHeight={320} />
                  </div>
                ))}
              </div>
            </Container>
          )}

          {roleError && (
            <Alert type="error" title="Couldn't create the execution role">
              {roleError}
            </Alert>
          )}
          {create.isError && (
            <Alert type="error" title="Couldn't create the function">
              {errorMessage(create.error)}
            </Alert>
          )}
          <div className="form-actions">
            <ButtonLink href="/lambda" variant="link">
              Cancel
            </ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending || newRole.isPending}>
              Create function
            </Button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
