/**
 * An invalid filter policy. `message` is AWS's text after "Invalid parameter: FilterPolicy: ";
 * `reason` is everything after "Invalid parameter: " (SetSubscriptionAttributes) or after
 * "Invalid parameter: Attributes Reason: " (Subscribe). The two differ only for the scope error,
 * which AWS reports without the "FilterPolicy: " label.
 */
export class FilterPolicyError extends Error {
  readonly reason: string;

  constructor(message: string, reason = `FilterPolicy: ${message}`) {
    super(message);
    this.name = "FilterPolicyError";
    this.reason = reason;
  }
}

/** Throws a FilterPolicyError; typed `never` so callers can use it in expressions. */
export function invalid(message: string): never {
  throw new FilterPolicyError(message);
}
