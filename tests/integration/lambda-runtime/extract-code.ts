// Run as a separate process by code-cache.test.ts: extracts the .zip at argv[2] through the code cache and
// prints the directory, so two processes can race on the same SHA.
import { readFile } from "node:fs/promises";
import { codeDir } from "../../../workers/lambda";
import { sha256 } from "./helpers";

const zip = await readFile(process.argv[2]!);
process.stdout.write(await codeDir(sha256(zip), async () => zip));
