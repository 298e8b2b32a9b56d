"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { CodeEditor, languageForPath } from "../../../../../_components/CodeEditor";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { LoadingState } from "../../../../../_components/Spinner";
import { errorMessage } from "../../../../../_lib/errors";
import { formatSize } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { checkFilePath, fetchPackage, INLINE_EDIT_LIMIT, type PackageContents } from "../../code-package";
import type { SourceFile } from "../../runtimes";
import { useRefreshFunction, type LoadedFunction } from "../../use-function";
import { ZipFileInput, type ZipUpload } from "../../ZipFileInput";
import { Flash } from "../../../../../_components/Flash";
import { FormModal } from "../../../../../_components/FormModal";
import { FileTree } from "./FileTree";
import "../../lambda.css";

/** The Code tab: the package's files in an editor with Deploy, or a .zip upload. */
export function CodeTab({ fn, canChange }: { fn: LoadedFunction; canChange: boolean }) {
  const config = fn.Configuration;
  const [uploading, setUploading] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The open file outlives a deploy, which loads the package again.
  const [active, setActive] = useState<string | null>(null);
  const updated = () => setNotice(`Successfully updated the function ${config.FunctionName}.`);
  const tooLarge = config.CodeSize > INLINE_EDIT_LIMIT;
  // Keyed by the package hash: a deploy (here or elsewhere) loads the new files.
  const contents = useQuery({
    queryKey: ["lambda-package", config.FunctionArn, config.CodeSha256],
    queryFn: ({ signal }) => fetchPackage(fn.Code.Location, signal),
    enabled: !tooLarge,
    staleTime: Infinity,
    retry: false,
  });

  const upload = (
    <Button disabled={!canChange} onClick={() => setUploading(true)}>
      Upload from .zip file
    </Button>
  );

  return (
    <div className="stack-lg">
      <Flash message={notice} onDismiss={() => setNotice(null)} />
      {tooLarge ? (
        <Container title="Code source" actions={upload}>
          <Alert type="info">
            The deployment package of your Lambda function &quot;{config.FunctionName}&quot; is too large to enable inline code editing. However, you can
            still invoke your function.
          </Alert>
        </Container>
      ) : contents.isPending ? (
        <Container title="Code source" actions={upload}>
          <LoadingState label="Loading code" />
        </Container>
      ) : contents.data ? (
        <CodeWorkspace
          key={config.CodeSha256}
          fn={fn}
          contents={contents.data}
          canChange={canChange}
          upload={upload}
          active={active}
          onOpen={setActive}
          onDeployed={updated}
          onEdit={() => setNotice(null)}
        />
      ) : (
        <Container title="Code source" actions={upload}>
          <Alert type="error" title="Couldn't load the code">
            {errorMessage(contents.error)}
          </Alert>
        </Container>
      )}
      <Container title="Code properties">
        <KeyValueGrid>
          <KeyValue label="Package size">{formatSize(config.CodeSize)}</KeyValue>
          <KeyValue label="SHA256 hash">
            <code className="break-all">{config.CodeSha256}</code>
          </KeyValue>
          <KeyValue label="Handler">
            <code>{config.Handler}</code>
          </KeyValue>
        </KeyValueGrid>
      </Container>
      {uploading && <UploadZipModal name={config.FunctionName} onClose={() => setUploading(false)} onUploaded={updated} />}
    </div>
  );
}

interface CodeWorkspaceProps {
  fn: LoadedFunction;
  contents: PackageContents;
  canChange: boolean;
  upload: ReactNode;
  /** The open file; null opens the handler's file. */
  active: string | null;
  onOpen: (path: string) => void;
  onDeployed: () => void;
  onEdit: () => void;
}

function CodeWorkspace({ fn, contents, canChange, upload, active: chosen, onOpen: setActive, onDeployed, onEdit }: CodeWorkspaceProps) {
  const trpc = useTRPC();
  const refresh = useRefreshFunction(fn.Configuration.FunctionName);
  const [files, setFiles] = useState<SourceFile[]>(contents.files);
  const [creating, setCreating] = useState(false);
  const deploy = useMutation(
    trpc.lambda.updateFunctionCode.mutationOptions({
      async onSuccess() {
        onDeployed();
        await refresh();
      },
    }),
  );
  const active = chosen !== null && files.some((f) => f.path === chosen) ? chosen : pickInitialFile(files, fn.Configuration.Handler);

  const editable = canChange && contents.binary.length === 0;
  const changed = files.length !== contents.files.length || files.some((f, i) => f.path !== contents.files[i]?.path || f.content !== contents.files[i]?.content);
  const current = files.find((f) => f.path === active);

  // Leaving the page (reload, close, another address) with undeployed edits asks first, as AWS's editor does.
  useEffect(() => {
    if (!changed) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [changed]);

  function edit(content: string) {
    setFiles((all) => all.map((f) => (f.path === active ? { ...f, content } : f)));
    onEdit();
  }

  function removeActive() {
    const rest = files.filter((f) => f.path !== active);
    setFiles(rest);
    setActive(rest[0]?.path ?? "");
  }

  return (
    <Container
      title="Code source"
      description={changed ? "Changes not deployed" : undefined}
      actions={
        <>
          {upload}
          <Button
            variant="primary"
            disabled={!editable || !changed || files.length === 0}
            loading={deploy.isPending}
            onClick={() => deploy.mutate({ FunctionName: fn.Configuration.FunctionName, InlineFiles: files })}
          >
            Deploy
          </Button>
        </>
      }
    >
      {contents.binary.length > 0 && (
        <Alert type="info" title="Inline editing is off for this package">
          It contains files that aren&apos;t text ({contents.binary.slice(0, 3).join(", ")}
          {contents.binary.length > 3 ? ", …" : ""}), which the editor can&apos;t keep. Upload a .zip file to change the code.
        </Alert>
      )}
      {deploy.isError && (
        <Alert type="error" title="Couldn't deploy the code">
          {errorMessage(deploy.error)}
        </Alert>
      )}
      <div className="lambda-code-layout">
        <div className="lambda-code-files">
          <div className="button-row">
            <Button className="btn-small" disabled={!editable} onClick={() => setCreating(true)}>
              New file
            </Button>
            <Button className="btn-small" disabled={!editable || !current} onClick={removeActive}>
              Delete file
            </Button>
          </div>
          <FileTree paths={files.map((f) => f.path)} active={active} onOpen={setActive} />
        </div>
        <div className="lambda-code-editor">
          {current ? (
            <>
              <p className="lambda-code-filename mono">{current.path}</p>
              <CodeEditor value={current.content} onChange={edit} language={languageForPath(current.path)} label={`Code of ${current.path}`} readOnly={!editable} />
            </>
          ) : (
            <p className="text-secondary">The package has no files. Add one with New file.</p>
          )}
        </div>
      </div>
      {creating && (
        <NewFileModal
          existing={files.map((f) => f.path)}
          onClose={() => setCreating(false)}
          onCreate={(path) => {
            setFiles((all) => [...all, { path, content: "" }].sort((a, b) => a.path.localeCompare(b.path)));
            setActive(path);
            setCreating(false);
          }}
        />
      )}
    </Container>
  );
}

/** The handler's file (index.handler → index.mjs / index.js …) when the package has it, else the first file. */
function pickInitialFile(files: readonly SourceFile[], handler: string): string {
  const handlerFile = handler.slice(0, handler.lastIndexOf("."));
  const match = files.find((f) => f.path.replace(/\.[^./]+$/, "") === handlerFile);
  return (match ?? files[0])?.path ?? "";
}

function NewFileModal({ existing, onClose, onCreate }: { existing: string[]; onClose: () => void; onCreate: (path: string) => void }) {
  const [path, setPath] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error = submitted ? checkFilePath(path, existing) : undefined;
  function create() {
    setSubmitted(true);
    if (!checkFilePath(path, existing)) onCreate(path.trim());
  }
  return (
    <FormModal title="New file" submitLabel="Create file" pending={false} error={null} onSubmit={create} onClose={onClose}>
      <FormField label="File name" description="A path inside the package, e.g. utils/format.mjs." error={error}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={path}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && create()}
          />
        )}
      </FormField>
    </FormModal>
  );
}

/** UpdateFunctionCode with a .zip file chosen in the browser. */
function UploadZipModal({ name, onClose, onUploaded }: { name: string; onClose: () => void; onUploaded: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshFunction(name);
  const [zip, setZip] = useState<ZipUpload | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.lambda.updateFunctionCode.mutationOptions({
      async onSuccess() {
        onUploaded();
        onClose();
        await refresh();
      },
    }),
  );
  return (
    <FormModal
      title="Upload a .zip file"
      pending={save.isPending}
      error={save.error}
      onClose={onClose}
      onSubmit={() => {
        setSubmitted(true);
        if (zip) save.mutate({ FunctionName: name, ZipFile: zip.base64 });
      }}
    >
      <p>The package replaces the function&apos;s code ($LATEST). Published versions keep theirs.</p>
      <ZipFileInput value={zip} onChange={setZip} error={submitted && !zip ? "Choose a .zip file." : undefined} />
    </FormModal>
  );
}
