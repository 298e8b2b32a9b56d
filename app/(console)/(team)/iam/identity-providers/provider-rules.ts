/** IAM's rules for an OpenID Connect provider's URL, audiences and thumbprints, checked before sending. */

/** IAM's quotas per provider. */
export const MAX_AUDIENCES = 100;
export const MAX_THUMBPRINTS = 5;

/** Values entered one a line (or separated by spaces): none of them has a space. */
export const entries = (text: string) => [...new Set(text.split(/\s+/).filter(Boolean))];

/** An https URL (IAM accepts http only for local hosts, and says so) without a query or fragment. */
export function providerUrlError(url: string): string | undefined {
  if (!url) return "Enter the provider URL.";
  if (!URL.canParse(url) || !/^https?:\/\/[^/?#]/i.test(url) || /[?#]/.test(url)) return "Enter an https:// URL without a query or fragment, e.g. https://accounts.example.com.";
  return undefined;
}

export function audienceError(audience: string): string | undefined {
  return audience.length > 255 ? "An audience has up to 255 characters." : undefined;
}

export function audiencesError(text: string): string | undefined {
  const audiences = entries(text);
  if (audiences.length === 0) return "Enter at least one audience: the client ID your app has at the provider.";
  if (audiences.length > MAX_AUDIENCES) return `A provider has up to ${MAX_AUDIENCES} audiences.`;
  return audiences.map(audienceError).find(Boolean);
}

/** Thumbprints are the hex SHA-1 of a certificate of the provider's: 40 characters each. */
export function thumbprintsError(text: string): string | undefined {
  const thumbprints = entries(text);
  if (thumbprints.length > MAX_THUMBPRINTS) return `A provider has up to ${MAX_THUMBPRINTS} thumbprints.`;
  const bad = thumbprints.find((t) => !/^[0-9a-fA-F]{40}$/.test(t));
  return bad ? `${bad} is not a thumbprint: 40 hexadecimal characters.` : undefined;
}
