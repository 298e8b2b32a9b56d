/** IAM OpenID Connect providers through @aws-sdk/client-iam: their lifecycle, client IDs, thumbprints, tags, IAM's errors and quotas. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { prisma } from "../../../server/db/client";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";
import { clients, rejectsWith } from "./harness";

const THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
const OTHER_THUMBPRINT = "a031c46782e6e6c662c2c87c76da9aa62ccabd8e";

let gateway: RunningGateway;
let team: TestTeam;
let iam: IAMClient;
let providers = 0;

/** A URL no other test of this run registers. */
const uniqueUrl = (label: string) => `https://${label}-${++providers}-${Date.now()}.idp.example/tenant`;
const arnOf = (url: string, accountId = team.accountId) => `arn:aws:iam::${accountId}:oidc-provider/${url.replace(/^https?:\/\//, "")}`;

before(async () => {
  gateway = await startGateway();
  team = await createTestTeam();
  iam = clients(gateway.url, team).iam;
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

describe("OpenID Connect providers", () => {
  test("CreateOpenIDConnectProvider, GetOpenIDConnectProvider (URL without its scheme), ListOpenIDConnectProviders, DeleteOpenIDConnectProvider", async () => {
    const url = uniqueUrl("lifecycle");
    const created = await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ["web-app", "cli"], ThumbprintList: [THUMBPRINT], Tags: [{ Key: "env", Value: "test" }] }),
    );
    const arn = arnOf(url);
    assert.equal(created.OpenIDConnectProviderArn, arn);
    assert.deepEqual(created.Tags, [{ Key: "env", Value: "test" }]);

    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Url, url.replace("https://", ""));
    assert.deepEqual(got.ClientIDList, ["web-app", "cli"]);
    assert.deepEqual(got.ThumbprintList, [THUMBPRINT]);
    assert.deepEqual(got.Tags, [{ Key: "env", Value: "test" }]);
    assert.ok(got.CreateDate instanceof Date && Math.abs(got.CreateDate.getTime() - Date.now()) < 60_000);

    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.ok(listed.OpenIDConnectProviderList?.some((p) => p.Arn === arn));

    await rejectsWith(iam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ["other"] })), "EntityAlreadyExistsException", 409, /^Provider with url .* already exists\.$/);

    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await rejectsWith(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), "NoSuchEntityException", 404, /^OpenIDConnect provider not found for arn /);
    assert.ok(!(await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.some((p) => p.Arn === arn));
    // Deleting is idempotent, as IAM documents it.
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  });

  test("client IDs are added and removed idempotently, thumbprints replaced, tags merged and removed", async () => {
    const url = uniqueUrl("lists");
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ["a"] }));
    const get = () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual((await get()).ThumbprintList, [], "thumbprints are optional");

    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }));
    assert.deepEqual((await get()).ClientIDList, ["a", "b"]);
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "a" }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "never-added" }));
    assert.deepEqual((await get()).ClientIDList, ["b"]);

    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [OTHER_THUMBPRINT, THUMBPRINT] }));
    assert.deepEqual((await get()).ThumbprintList, [OTHER_THUMBPRINT, THUMBPRINT]);
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [THUMBPRINT] }));
    assert.deepEqual((await get()).ThumbprintList, [THUMBPRINT], "the list is replaced");

    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "team", Value: "a" }, { Key: "env", Value: "dev" }] }));
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "env", Value: "prod" }] }));
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ["team"] }));
    const tags = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: "env", Value: "prod" }]);
    assert.equal(tags.IsTruncated, false);
  });

  test("URLs: https, or http on a loopback host (Stratus is local); never a query; an unknown or malformed ARN", async () => {
    const local = `http://localhost:${40_000 + (Date.now() % 20_000)}/issuer-${Date.now()}`;
    assert.equal((await iam.send(new CreateOpenIDConnectProviderCommand({ Url: local, ClientIDList: ["app"] }))).OpenIDConnectProviderArn, arnOf(local));
    await rejectsWith(iam.send(new CreateOpenIDConnectProviderCommand({ Url: "http://idp.example.com", ClientIDList: ["app"] })), "InvalidInputException", 400, /must be an https:\/\/ URL/);
    await rejectsWith(iam.send(new CreateOpenIDConnectProviderCommand({ Url: `${uniqueUrl("query")}?tenant=1` })), "InvalidInputException", 400);
    await rejectsWith(iam.send(new CreateOpenIDConnectProviderCommand({ Url: "not a url" })), "InvalidInputException", 400);
    await rejectsWith(iam.send(new CreateOpenIDConnectProviderCommand({ Url: uniqueUrl("thumb"), ThumbprintList: ["abc"] })), "ValidationError", 400);

    const missing = arnOf(uniqueUrl("missing"));
    await rejectsWith(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing })), "NoSuchEntityException", 404, new RegExp(`not found for arn ${missing}`));
    await rejectsWith(iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing, ClientID: "x" })), "NoSuchEntityException", 404);
    await rejectsWith(iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing, Tags: [{ Key: "k", Value: "v" }] })), "NoSuchEntityException", 404);
    await rejectsWith(
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::${team.accountId}:role/not-a-provider` })),
      "InvalidInputException",
      400,
      /is not valid/,
    );
  });

  test("quotas: 100 client IDs and 5 thumbprints per provider", async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `client-${i}`);
    await rejectsWith(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: uniqueUrl("too-many"), ClientIDList: [...hundred, "one-more"] })),
      "LimitExceededException",
      409,
      /ClientIdsPerOpenIdConnectProvider: 100/,
    );
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: uniqueUrl("full"), ClientIDList: hundred }));
    await rejectsWith(iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "one-more" })), "LimitExceededException", 409);
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "client-0" }));
    assert.equal((await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).ClientIDList?.length, 100);

    const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(40));
    await rejectsWith(iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: six })), "LimitExceededException", 409);
  });

  test("providers belong to their account: another team registers the same URL as its own and never sees this one", async () => {
    const url = uniqueUrl("shared");
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ["mine"] }));
    const other = await createTestTeam();
    const otherIam = clients(gateway.url, other).iam;
    try {
      const created = await otherIam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ["theirs"] }));
      assert.equal(created.OpenIDConnectProviderArn, arnOf(url, other.accountId));
      assert.deepEqual((await otherIam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arnOf(url, other.accountId) }))).ClientIDList, ["theirs"]);
      assert.deepEqual((await otherIam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, [{ Arn: arnOf(url, other.accountId) }]);
      assert.deepEqual((await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arnOf(url) }))).ClientIDList, ["mine"]);
    } finally {
      otherIam.destroy();
    }
  });

  test("a team viewer may read providers but not register one", async () => {
    const viewer = await createTestTeam({ role: "viewer" });
    const viewerIam = clients(gateway.url, viewer).iam;
    try {
      await rejectsWith(viewerIam.send(new CreateOpenIDConnectProviderCommand({ Url: uniqueUrl("viewer"), ClientIDList: ["app"] })), "AccessDenied", 403);
      assert.deepEqual((await viewerIam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, []);
    } finally {
      viewerIam.destroy();
    }
  });
});
