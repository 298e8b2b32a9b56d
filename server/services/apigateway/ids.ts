/** Identifiers as API Gateway hands them out: short, random, lowercase alphanumeric. */
import { randomString } from "../../lib/secrets";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** REST APIs, resources and API keys: 10 characters (e.g. `a1b2c3d4e5`). */
export const longId = (): string => randomString(10, ALPHABET);

/** Deployments, models, request validators and usage plans: 6 characters. */
export const shortId = (): string => randomString(6, ALPHABET);
