/**
 * What an IAM identity's policies are, parsed and ready to evaluate, and how strictly its team
 * enforces them. Both are cached per process for a moment and dropped on every IAM change
 * (announceIamChange: at once in this process, by NOTIFY in others).
 */
import type { Db } from "../../db/client";
import type { IamEnforcement } from "../../db/generated/enums";
import { listen } from "../../outbox/listen";
import { ExpiringCache } from "../../lib/expiring-cache";
import type { IamIdentity } from "../context";
import { attachedPolicyArns } from "./attachments";
import { IAM_CHANGED_CHANNEL, localIamChanges } from "./changes";
import { teamEnforcement } from "./enforcement";
import { inlineDocuments } from "./inline-policies";
import { nameKey } from "./model";
import { findEntityKey } from "./principals";
import { policyDocument } from "./policies";
import { parsePolicyDocument } from "./policy/document";
import type { NamedPolicy } from "./policy/evaluate";

export interface IdentityPolicies {
  /** False for a role session whose role does not exist (deleted, or never created: permissive teams allow that). */
  exists: boolean;
  policies: NamedPolicy[];
}

/** Stored documents were validated when written; one that no longer parses is left out, failing closed. */
function named(source: string, document: string): NamedPolicy[] {
  try {
    return [{ source, document: parsePolicyDocument(document, "identity") }];
  } catch {
    return [];
  }
}

export async function loadIdentityPolicies(db: Db, accountId: string, identity: IamIdentity): Promise<IdentityPolicies> {
  const key = await findEntityKey(db, accountId, identity);
  if (key === null) return { exists: false, policies: [] };
  const [arns, inline] = await Promise.all([attachedPolicyArns(db, accountId, identity.type, key), inlineDocuments(db, accountId, identity.type, key)]);
  const managed = await Promise.all(arns.map(async (arn) => ({ arn, document: await policyDocument(db, accountId, arn) })));
  return {
    exists: true,
    policies: [
      ...managed.flatMap(({ arn, document }) => (document === null ? [] : named(arn, document))),
      ...inline.flatMap((p) => named(`${identity.type}/${identity.name} inline policy ${p.policyName}`, p.document)),
    ],
  };
}

export class IamDecisionData {
  readonly #policies = new ExpiringCache<IdentityPolicies>(30_000);
  readonly #enforcement = new ExpiringCache<IamEnforcement>(30_000);
  readonly #sessionPolicies = new ExpiringCache<NamedPolicy[]>(300_000, 1_000);
  #listener?: { close(): Promise<void> };

  constructor(private readonly db: Db) {
    localIamChanges.on("change", this.#forget);
  }

  /** Also hear other processes' changes (the gateway does; tests of one process need not). */
  listen(databaseUrl: string, logger: Parameters<typeof listen>[3]): void {
    this.#listener = listen(databaseUrl, IAM_CHANGED_CHANNEL, this.#forget, logger, "stratus-iam-changes");
  }

  readonly #forget = () => {
    this.#policies.clear();
    this.#enforcement.clear();
  };

  identityPolicies(accountId: string, identity: IamIdentity): Promise<IdentityPolicies> {
    return this.#policies.get(`${accountId}/${identity.type}/${nameKey(identity.name)}`, () => loadIdentityPolicies(this.db, accountId, identity));
  }

  enforcement(accountId: string): Promise<IamEnforcement> {
    return this.#enforcement.get(accountId, () => teamEnforcement(this.db, accountId));
  }

  /** A session policy, parsed once per text. */
  sessionPolicy(document: string): Promise<NamedPolicy[]> {
    return this.#sessionPolicies.get(document, async () => named("session policy", document));
  }

  async close(): Promise<void> {
    localIamChanges.off("change", this.#forget);
    await this.#listener?.close();
  }
}
