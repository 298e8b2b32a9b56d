import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { createTestTeam, trpcAs } from "../../helpers/fixtures";

after(async () => {
  await prisma().$disconnect();
});

const awsCode = (e: unknown) => (e instanceof TRPCError ? (e.cause as { code?: string } | undefined)?.code : undefined);

describe("IAM over tRPC", () => {
  test("OpenID Connect providers: create, get, list, client IDs, thumbprints, tags and delete through the same domain functions as the SDK", async () => {
    const team = await createTestTeam();
    const api = trpcAs(team, { accountId: team.accountId });
    const { OpenIDConnectProviderArn: arn } = await api.iam.createOpenIdConnectProvider({ Url: "https://idp.example.test/tenant", ClientIDList: ["app-a"] });
    assert.equal(arn, `arn:aws:iam::${team.accountId}:oidc-provider/idp.example.test/tenant`);
    assert.deepEqual((await api.iam.listOpenIdConnectProviders({})).OpenIDConnectProviderList, [{ Arn: arn }]);
    await assert.rejects(api.iam.createOpenIdConnectProvider({ Url: "https://idp.example.test/tenant" }), (e: unknown) => awsCode(e) === "EntityAlreadyExistsException");

    await api.iam.addClientIdToOpenIdConnectProvider({ OpenIDConnectProviderArn: arn, ClientID: "app-b" });
    await api.iam.removeClientIdFromOpenIdConnectProvider({ OpenIDConnectProviderArn: arn, ClientID: "app-a" });
    await api.iam.updateOpenIdConnectProviderThumbprint({ OpenIDConnectProviderArn: arn, ThumbprintList: ["a".repeat(40)] });
    await api.iam.tagOpenIdConnectProvider({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "team", Value: "auth" }] });
    const provider = await api.iam.getOpenIdConnectProvider({ OpenIDConnectProviderArn: arn });
    assert.equal(provider.Url, "idp.example.test/tenant");
    assert.deepEqual(provider.ClientIDList, ["app-b"]);
    assert.deepEqual(provider.ThumbprintList, ["a".repeat(40)]);
    assert.deepEqual((await api.iam.listOpenIdConnectProviderTags({ OpenIDConnectProviderArn: arn })).Tags, [{ Key: "team", Value: "auth" }]);
    await api.iam.untagOpenIdConnectProvider({ OpenIDConnectProviderArn: arn, TagKeys: ["team"] });
    assert.deepEqual((await api.iam.listOpenIdConnectProviderTags({ OpenIDConnectProviderArn: arn })).Tags, []);

    // Another team sees none of it; a viewer may read but not change.
    const other = await createTestTeam();
    assert.deepEqual((await trpcAs(other, { accountId: other.accountId }).iam.listOpenIdConnectProviders({})).OpenIDConnectProviderList, []);
    const viewer = await createTestTeam({ role: "viewer" });
    const viewerApi = trpcAs(viewer, { accountId: viewer.accountId });
    await viewerApi.iam.listOpenIdConnectProviders({});
    await assert.rejects(viewerApi.iam.createOpenIdConnectProvider({ Url: "https://idp.example.test" }), (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");

    await api.iam.deleteOpenIdConnectProvider({ OpenIDConnectProviderArn: arn });
    await assert.rejects(api.iam.getOpenIdConnectProvider({ OpenIDConnectProviderArn: arn }), (e: unknown) => awsCode(e) === "NoSuchEntityException");
  });
});
