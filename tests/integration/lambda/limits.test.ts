// Account limits an operator sets in the environment: concurrency (and its unreserved minimum) and code storage.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { zipSync } from "fflate";
import { assertLambdaError, createFunction, type LambdaHarness, startLambda, uniqueName } from "./helpers";

// Read once, on first use: set before any Lambda operation runs in this process.
Object.assign(process.env, {
  STRATUS_LAMBDA_CONCURRENCY_LIMIT: "20",
  STRATUS_LAMBDA_UNRESERVED_MINIMUM: "5",
  STRATUS_LAMBDA_CODE_STORAGE_BYTES: "4000",
});

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

/** A stored (uncompressed) zip of about `size` bytes. */
const zipOfSize = (size: number) => zipSync({ "index.js": randomBytes(size) }, { level: 0 });

describe("configured account limits", () => {
  it("are reported by GetAccountSettings and bound reserved concurrency", async () => {
    const { AccountLimit } = await h.client.send(new lambda.GetAccountSettingsCommand({}));
    assert.equal(AccountLimit?.ConcurrentExecutions, 20);
    assert.equal(AccountLimit?.UnreservedConcurrentExecutions, 20);
    assert.equal(AccountLimit?.TotalCodeSize, 4000);
    const [a, b] = [uniqueName("limit-a"), uniqueName("limit-b")];
    await createFunction(h, a);
    await createFunction(h, b);
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: a, ReservedConcurrentExecutions: 15 }));
    await assertLambdaError(h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: b, ReservedConcurrentExecutions: 1 })), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [5].",
    });
  });

  it("refuse code beyond the account's storage", async () => {
    const { AccountUsage } = await h.client.send(new lambda.GetAccountSettingsCommand({}));
    const room = 4000 - AccountUsage!.TotalCodeSize!;
    const name = uniqueName("storage");
    const fits = zipOfSize(room - 200);
    assert.ok(fits.length <= room);
    await createFunction(h, name, { Code: { ZipFile: fits } });
    const exceeded = { name: "CodeStorageExceededException", status: 400, message: "Code storage limit exceeded." };
    await assertLambdaError(createFunction(h, uniqueName("storage"), { Code: { ZipFile: zipOfSize(300) } }), exceeded);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOfSize(300) })), exceeded);
    await assertLambdaError(h.client.send(new lambda.PublishLayerVersionCommand({ LayerName: uniqueName("storage"), Content: { ZipFile: zipOfSize(300) } })), exceeded);
    await h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name }));
    await createFunction(h, uniqueName("storage"), { Code: { ZipFile: zipOfSize(300) } });
  });
});
