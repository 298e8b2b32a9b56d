import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { zipSync } from "fflate";
import { CodeArchiveError, codeDir, ExecutionPool, inspectZip, lambdaDataDir, layerDir } from "../../../workers/lambda";
import { deploy, functionConfig, invoke, json, makeZip, sha256 } from "./helpers";

const pool = new ExecutionPool();
after(() => pool.close());

/** A zip whose content is unique to this run, so its SHA has never been extracted. */
function freshZip(files: Record<string, string | { content: string; mode: number }> = {}): Buffer {
  return makeZip({ "nonce.txt": randomBytes(8).toString("hex"), ...files });
}

async function tempLeftovers(kind: "code" | "layers"): Promise<string[]> {
  return (await readdir(path.join(lambdaDataDir(), kind))).filter((name) => name.startsWith(".tmp-"));
}

describe("code cache", () => {
  it("extracts each SHA once, read-only, keeping the executable bit of bootstrap", async () => {
    const zip = freshZip({ bootstrap: { content: "#!/bin/sh\necho hi\n", mode: 0o755 }, "lib/data/values.json": { content: '{"a":1}', mode: 0o644 } });
    let loads = 0;
    const load = async () => {
      loads++;
      return zip;
    };
    const [dir, same] = await Promise.all([codeDir(sha256(zip), load), codeDir(sha256(zip), load)]);
    assert.equal(dir, same);
    assert.equal(dir, path.join(lambdaDataDir(), "code", sha256(zip)));
    assert.equal(await codeDir(sha256(zip), load), dir);
    assert.equal(loads, 1);
    assert.equal(await readFile(path.join(dir, "lib/data/values.json"), "utf8"), '{"a":1}');
    const bootstrap = await stat(path.join(dir, "bootstrap"));
    assert.equal(bootstrap.mode & 0o777, 0o555);
    assert.equal((await stat(path.join(dir, "lib/data/values.json"))).mode & 0o777, 0o444);
    assert.deepEqual(await tempLeftovers("code"), []);
  });

  it("accepts CodeSha256 in base64 and refuses an archive that does not match its digest", async () => {
    const zip = freshZip();
    const base64 = Buffer.from(sha256(zip), "hex").toString("base64");
    assert.equal(await codeDir(base64, async () => zip), path.join(lambdaDataDir(), "code", sha256(zip)));
    const other = freshZip();
    await assert.rejects(codeDir(sha256(other), async () => zip), /digest mismatch/);
  });

  it("refuses absolute paths, parent-directory entries, links out of the archive and oversized content", async () => {
    const unzipFailed = "Could not unzip uploaded file. Please check your file, then try to upload again.";
    for (const name of ["../escape.js", "/etc/cron.d/job", "a/../../b.js"]) {
      const zip = Buffer.from(zipSync({ [name]: new Uint8Array([1]) }));
      assert.throws(() => inspectZip(zip), (err: Error) => err instanceof CodeArchiveError && err.message === unzipFailed, name);
      await assert.rejects(codeDir(sha256(zip), async () => zip), CodeArchiveError);
    }
    const link = (target: string) => Buffer.from(zipSync({ "ok.txt": new Uint8Array([1]), "link": [new TextEncoder().encode(target), { os: 3, attrs: 0o120777 << 16 }] }));
    await assert.rejects(codeDir(sha256(link("/etc/passwd")), async () => link("/etc/passwd")), /points outside the archive/);
    await assert.rejects(codeDir(sha256(link("../../secret")), async () => link("../../secret")), /points outside the archive/);
    const inside = Buffer.concat([link("ok.txt")]);
    const insideDir = await codeDir(sha256(inside), async () => inside);
    assert.equal((await readFile(path.join(insideDir, "link"))).length, 1);

    // A central directory claiming more than 250 MB unzipped is refused before anything is inflated.
    const big = Buffer.from(zipSync({ "big.bin": new Uint8Array(16) }));
    const entry = big.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    big.writeUInt32LE(262_144_001, entry + 24);
    assert.throws(() => inspectZip(big), /Unzipped size must be smaller than 262144000 bytes/);
    assert.throws(() => inspectZip(Buffer.from("not a zip at all, just text")), CodeArchiveError);
    assert.equal(inspectZip(makeZip({ "a.txt": "abc", "b/c.txt": "defg" })).unzippedSize, 7);
    assert.deepEqual(await tempLeftovers("code"), []);
  });

  it("keeps the winner's directory when another process finishes extracting the same SHA first", async () => {
    const zip = freshZip();
    const target = path.join(lambdaDataDir(), "code", sha256(zip));
    const dir = await codeDir(sha256(zip), async () => {
      // The other process renames its copy into place while this one is still loading.
      await mkdir(target, { recursive: true });
      await writeFile(path.join(target, "winner"), "1");
      return zip;
    });
    assert.equal(dir, target);
    assert.deepEqual((await readdir(dir)).sort(), ["winner"]);
    assert.deepEqual(await tempLeftovers("code"), []);
  });

  it("ends up with one complete directory when two processes extract the same code concurrently", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`pkg/file-${i}.js`] = `module.exports = ${JSON.stringify(randomBytes(20_000).toString("base64"))};`;
    const zip = freshZip(files);
    const zipPath = path.join(os.tmpdir(), `stratus-race-${randomBytes(4).toString("hex")}.zip`);
    await writeFile(zipPath, zip);
    const run = () => promisify(execFile)(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "extract-code.ts"), zipPath], { env: process.env });
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.stdout, path.join(lambdaDataDir(), "code", sha256(zip)));
    assert.equal((await readdir(path.join(a.stdout, "pkg"))).length, 200);
    assert.equal(await readFile(path.join(a.stdout, "pkg/file-199.js"), "utf8"), files["pkg/file-199.js"]);
    assert.deepEqual(await tempLeftovers("code"), []);
  });
});

describe("layers", () => {
  it("are extracted by layerDir and reachable the way /opt is on Lambda, later layers first", async () => {
    const base = makeZip({
      "nodejs/node_modules/greeting/index.js": `module.exports = (name) => "hello " + name;`,
      "nodejs/node_modules/which/index.js": `module.exports = "base layer";`,
      "python/shared_util.py": `def shout(s):\n    return s.upper() + "!"\n`,
      "bootstrap": { content: "#!/bin/sh\nexit 0\n", mode: 0o755 },
      "nonce.txt": randomBytes(8).toString("hex"),
    });
    const override = makeZip({ "nodejs/node_modules/which/index.js": `module.exports = "override layer";`, "nonce.txt": randomBytes(8).toString("hex") });
    const layers = [await layerDir(sha256(base), async () => base), await layerDir(sha256(override), async () => override)];
    assert.equal(layers[0], path.join(lambdaDataDir(), "layers", sha256(base)));

    const nodeCode = await deploy({ "index.js": `exports.handler = async () => ({ greeting: require("greeting")("layers"), which: require("which") });` });
    const node = await invoke(pool, functionConfig("nodejs20.x", "index.handler", nodeCode, { layerDirs: layers }));
    assert.deepEqual(json(node), { greeting: "hello layers", which: "override layer" });

    const pythonCode = await deploy({ "app.py": `import shared_util\n\ndef handler(event, context):\n    return shared_util.shout("layered")\n` });
    const python = await invoke(pool, functionConfig("python3.12", "app.handler", pythonCode, { layerDirs: layers }));
    assert.equal(json(python), "LAYERED!");

    // A custom runtime may come from a layer (/opt/bootstrap); this one exits at once.
    const custom = await invoke(pool, functionConfig("provided.al2023", "x", await deploy({ "handler.sh": "" }), { layerDirs: layers }));
    assert.equal(custom.errorType, "Runtime.ExitError");
    assert.match(json<{ errorMessage: string }>(custom).errorMessage, /Runtime exited without providing a reason$/);
  });
});
