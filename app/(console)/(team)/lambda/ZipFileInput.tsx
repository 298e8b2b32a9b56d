"use client";

import { useState } from "react";
import { LIMITS } from "~/server/services/lambda/limits";
import { FormField } from "../../../_components/FormField";
import { formatSize } from "../../../_lib/format";

export interface ZipUpload {
  name: string;
  size: number;
  /** The file's bytes in base64, as ZipFile takes them. */
  base64: string;
}

/** The file's bytes as base64 (a data URL without its prefix: the browser encodes large files quickly). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsDataURL(file);
  });
}

interface ZipFileInputProps {
  value: ZipUpload | null;
  onChange: (upload: ZipUpload | null) => void;
  error?: string;
}

/** Picks a deployment package: read in the browser and sent as the ZipFile blob. */
export function ZipFileInput({ value, onChange, error }: ZipFileInputProps) {
  const [problem, setProblem] = useState<string>();

  async function choose(file: File | undefined) {
    setProblem(undefined);
    onChange(null);
    if (!file) return;
    if (!file.name.toLowerCase().endsWith(".zip")) return setProblem("Choose a .zip file.");
    if (file.size > LIMITS.zippedCodeBytes) return setProblem(`The file is ${formatSize(file.size)}; a .zip upload can be at most 50 MB.`);
    try {
      onChange({ name: file.name, size: file.size, base64: await readBase64(file) });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : "The file could not be read.");
    }
  }

  return (
    <FormField
      label=".zip file"
      description={value ? `${value.name}, ${formatSize(value.size)}` : "Your code and its dependencies, with the handler's file at the root of the archive."}
      error={problem ?? error}
    >
      {(control) => <input {...control} type="file" className="input" accept=".zip,application/zip" onChange={(e) => void choose(e.target.files?.[0])} />}
    </FormField>
  );
}
