/**
 * API keys at invocation. A method with apiKeyRequired takes a known, enabled key that a usage plan
 * covering the stage holds; the plan then meters the key: its throttle (the stage's for the method, else
 * the plan's) and its quota. Every such request needs the key and its plans, so they are kept per
 * process for GRANT_TTL_MS: a key disabled, deleted or taken out of a plan stops working within 3 s.
 */
import { prisma } from "../../../db/client";
import { ExpiringCache } from "../../../lib/expiring-cache";
import { meterRequest } from "../usage";
import { type ApiStage, apiStageId, toUsagePlan, type UsagePlan } from "../usage-plans";
import type { DeployedApi } from "./deployed";
import { type ApiRequest, headerOf } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";
import { admit } from "./throttle";

const GRANT_TTL_MS = 3_000;

type GrantedPlan = UsagePlan & { createdAt: Date };

/** A key value's key and the plans holding it. */
interface KeyGrant {
  id: string;
  enabled: boolean;
  plans: GrantedPlan[];
}

/** Unknown values are kept too (as null), so guessing keys costs the database nothing more. */
const grants = new ExpiringCache<KeyGrant | null>(GRANT_TTL_MS);

async function loadGrant(api: DeployedApi, value: string): Promise<KeyGrant | null> {
  const key = await prisma().apigwApiKey.findFirst({
    where: { accountId: api.accountId, region: api.region, value },
    include: { usagePlanKeys: { include: { usagePlan: true } } },
  });
  return key && { id: key.id, enabled: key.enabled, plans: key.usagePlanKeys.map(({ usagePlan }) => ({ ...toUsagePlan(usagePlan), createdAt: usagePlan.createdAt })) };
}

/** The plan (at most one: AWS allows no more) that opens the API's stage to the key. */
function planFor(grant: KeyGrant, api: DeployedApi): { plan: GrantedPlan; stage: ApiStage } | undefined {
  for (const plan of grant.plans) {
    const stage = plan.apiStages.find((candidate) => candidate.apiId === api.restApiId && candidate.stage === api.stage);
    if (stage) return { plan, stage };
  }
  return undefined;
}

/** For a method with apiKeyRequired: the key's id when the request may go on, or the gateway response refusing it. */
export async function checkApiKey(req: ApiRequest, api: DeployedApi, resourcePath: string, httpMethod: string): Promise<{ apiKeyId: string } | ApiResponse> {
  // An AUTHORIZER source takes the key from a Lambda authorizer's usageIdentifierKey, which requests here do not carry.
  const value = api.config.apiKeySource === "HEADER" ? headerOf(req, "x-api-key") : undefined;
  const grant = value ? await grants.get(`${api.accountId}/${api.region}/${value}`, () => loadGrant(api, value)) : null;
  const granted = grant?.enabled ? planFor(grant, api) : undefined;
  if (!grant || !granted) return gatewayResponse("INVALID_API_KEY");

  const { plan, stage } = granted;
  const method = `${resourcePath}/${httpMethod}`;
  const methodThrottle = stage.throttle?.[method];
  const throttle = methodThrottle ?? plan.throttle;
  const bucket = methodThrottle ? `usageplan:${plan.id}:${grant.id}:${apiStageId(stage)}:${method}` : `usageplan:${plan.id}:${grant.id}`;
  if (throttle && !(await admit(bucket, { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit }))) return gatewayResponse("THROTTLED");
  if (!(await meterRequest(plan, grant.id, req.receivedAt))) return gatewayResponse("QUOTA_EXCEEDED");
  return { apiKeyId: grant.id };
}
