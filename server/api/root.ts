import { accessKeysRouter } from "./routers/access-keys";
import { apigatewayRouter } from "./routers/apigateway";
import { auditRouter } from "./routers/audit";
import { cognitoRouter } from "./routers/cognito";
import { authRouter } from "./routers/auth";
import { dashboardRouter } from "./routers/dashboard";
import { iamRouter } from "./routers/iam";
import { invitationRouter } from "./routers/invitation";
import { kinesisRouter } from "./routers/kinesis";
import { lambdaRouter } from "./routers/lambda";
import { logsRouter } from "./routers/logs";
import { meRouter } from "./routers/me";
import { snsRouter } from "./routers/sns";
import { sqsRouter } from "./routers/sqs";
import { teamRouter } from "./routers/team";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  me: meRouter,
  team: teamRouter,
  invitation: invitationRouter,
  accessKeys: accessKeysRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  sqs: sqsRouter,
  sns: snsRouter,
  lambda: lambdaRouter,
  logs: logsRouter,
  kinesis: kinesisRouter,
  apigateway: apigatewayRouter,
  iam: iamRouter,
  cognito: cognitoRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, server components). */
export const createCaller = createCallerFactory(appRouter);
