// Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s) through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, createFunction, type LambdaHarness, startLambda, uniqueName } from "./helpers";

let h: LambdaHarness;
let name: string;
let queue: string;

before(async () => {
  h = await startLambda();
  queue = `arn:aws:sqs:us-east-1:${h.team.accountId}:failures`;
  name = uniqueName("async");
  await createFunction(h, name, { Publish: true });
  await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }));
});
after(() => h.close());

const put = (input: Partial<lambda.PutFunctionEventInvokeConfigCommandInput>) =>
  h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, ...input }));
const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });
const validation = (message: string) => ({ name: "ValidationException", status: 400, message: `1 validation error detected: ${message}` });

describe("event invoke configs", () => {
  it("are put, read, updated member by member, listed and deleted per qualifier", async () => {
    const before = Date.now();
    const latest = await put({ MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: queue } } });
    assert.equal(latest.FunctionArn, `${h.arnPrefix}${name}:$LATEST`);
    assert.equal(latest.MaximumRetryAttempts, 1);
    assert.equal(latest.MaximumEventAgeInSeconds, undefined);
    assert.deepEqual(latest.DestinationConfig, { OnSuccess: {}, OnFailure: { Destination: queue } });
    assert.ok(latest.LastModified instanceof Date && latest.LastModified.getTime() >= before - 1000);

    const onAlias = await put({ Qualifier: "live", MaximumEventAgeInSeconds: 3600 });
    assert.equal(onAlias.FunctionArn, `${h.arnPrefix}${name}:live`);
    const updated = await h.client.send(new lambda.UpdateFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live", MaximumRetryAttempts: 0 }));
    assert.equal(updated.MaximumRetryAttempts, 0);
    assert.equal(updated.MaximumEventAgeInSeconds, 3600, "Update keeps what it does not name");

    const replaced = await put({ MaximumEventAgeInSeconds: 60 });
    assert.equal(replaced.MaximumRetryAttempts, undefined, "Put replaces the whole configuration");
    assert.deepEqual(replaced.DestinationConfig, { OnSuccess: {}, OnFailure: {} });

    const got = await h.client.send(new lambda.GetFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live" }));
    assert.equal(got.MaximumEventAgeInSeconds, 3600);
    const listed = await h.client.send(new lambda.ListFunctionEventInvokeConfigsCommand({ FunctionName: name }));
    assert.deepEqual(listed.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn), [`${h.arnPrefix}${name}:$LATEST`, `${h.arnPrefix}${name}:live`]);
    const page = await h.client.send(new lambda.ListFunctionEventInvokeConfigsCommand({ FunctionName: name, MaxItems: 1 }));
    assert.equal(page.FunctionEventInvokeConfigs?.length, 1);
    assert.ok(page.NextMarker);

    const deleted = await h.client.send(new lambda.DeleteFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const gone = { name: "ResourceNotFoundException", status: 404, message: `The function ${h.arnPrefix}${name}:live doesn't have an EventInvokeConfig` };
    await assertLambdaError(h.client.send(new lambda.GetFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live" })), gone);
    await assertLambdaError(h.client.send(new lambda.DeleteFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live" })), gone);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "live", MaximumRetryAttempts: 1 })), gone);
  });

  it("keep retries within 0–2 and event age within 60–21600 seconds", async () => {
    await assertLambdaError(
      put({ MaximumRetryAttempts: 3 }),
      validation("Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2"),
    );
    await assertLambdaError(
      put({ MaximumEventAgeInSeconds: 59 }),
      validation("Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"),
    );
    await assertLambdaError(
      put({ MaximumEventAgeInSeconds: 21601 }),
      validation("Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600"),
    );
    await assertLambdaError(put({}), invalid("You must specify at least one of error handling or destination setting."));
  });

  it("accept queues, topics, buses and other functions as destinations", async () => {
    const other = uniqueName("destination");
    await createFunction(h, other);
    const destinations = [queue, `arn:aws:sns:us-east-1:${h.team.accountId}:t`, `arn:aws:events:us-east-1:${h.team.accountId}:event-bus/default`, `${h.arnPrefix}${other}`];
    for (const destination of destinations) {
      const config = await put({ DestinationConfig: { OnSuccess: { Destination: destination } } });
      assert.equal(config.DestinationConfig?.OnSuccess?.Destination, destination);
    }
    const bucket = "arn:aws:s3:::bucket";
    await assertLambdaError(
      put({ DestinationConfig: { OnSuccess: { Destination: bucket } } }),
      invalid(`The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=${bucket}), onFailure=null) is invalid.`),
    );
    await assertLambdaError(put({ DestinationConfig: { OnFailure: { Destination: `${h.arnPrefix}${name}` } } }), invalid("You can't specify the function as a destination for itself."));
    await assertLambdaError(put({ DestinationConfig: { OnFailure: { Destination: `${h.arnPrefix}missing-fn` } } }), invalid(`The destination ARN ${h.arnPrefix}missing-fn is invalid.`));
    await assertLambdaError(put({ DestinationConfig: { OnFailure: { Destination: "my-queue" } } }), validation(
      "Value 'my-queue' at 'destinationConfig.onFailure.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: $|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
    ));
  });

  it("need an existing function, version or alias", async () => {
    const missing = { name: "ResourceNotFoundException", status: 404, message: "The function doesn't exist." };
    await assertLambdaError(put({ Qualifier: "9", MaximumRetryAttempts: 0 }), missing);
    await assertLambdaError(put({ FunctionName: "no-such-fn", MaximumRetryAttempts: 0 }), missing);
  });
});
