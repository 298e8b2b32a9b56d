/** Cognito user pool tests: a gateway, an admin SDK client, an unsigned end-user client, and the outbox where codes arrive. */
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, type CreateUserPoolCommandInput } from "@aws-sdk/client-cognito-identity-provider";
import { prisma } from "../../../server/db/client";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";
import { waitFor } from "../../helpers/wait";

export interface CognitoHarness {
  gateway: RunningGateway;
  team: TestTeam;
  admin: CognitoIdentityProviderClient;
  /** End users have no AWS credentials: the SDK sends their calls unsigned. */
  anonymous: CognitoIdentityProviderClient;
  pool(input?: Partial<CreateUserPoolCommandInput>, client?: { GenerateSecret?: boolean; ExplicitAuthFlows?: string[] }): Promise<{ poolId: string; clientId: string; clientSecret?: string }>;
  /** The six-digit code last sent to `destination` (an email address or phone number) through the team's outbox. */
  code(destination: string): Promise<string>;
  close(): Promise<void>;
}

export async function startCognito(): Promise<CognitoHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const admin = new CognitoIdentityProviderClient({ endpoint: gateway.url, region: "us-east-1", credentials: team, maxAttempts: 1 });
  const anonymous = new CognitoIdentityProviderClient({
    endpoint: gateway.url,
    region: "us-east-1",
    maxAttempts: 1,
    // Unsigned operations never ask for credentials; signed ones would fail loudly with these.
    credentials: async () => {
      throw new Error("end users have no AWS credentials");
    },
  });
  return {
    gateway,
    team,
    admin,
    anonymous,
    async pool(input = {}, client = {}) {
      const { UserPool } = await admin.send(
        new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, AutoVerifiedAttributes: ["email"], UsernameAttributes: undefined, ...input }),
      );
      const { UserPoolClient } = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: UserPool!.Id!,
          ClientName: "app",
          GenerateSecret: client.GenerateSecret,
          ExplicitAuthFlows: (client.ExplicitAuthFlows ?? ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]) as never,
        }),
      );
      return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
    },
    async code(destination) {
      const item = await waitFor(
        `a code for ${destination}`,
        async () => (await prisma().snsOutboxItem.findFirst({ where: { accountId: team.accountId, destination }, orderBy: { id: "desc" } })) ?? undefined,
      );
      const match = /(\d{6})/.exec(item.body);
      if (!match) throw new Error(`no code in: ${item.body}`);
      return match[1]!;
    },
    async close() {
      admin.destroy();
      anonymous.destroy();
      await gateway.close();
      await prisma().$disconnect();
    },
  };
}
