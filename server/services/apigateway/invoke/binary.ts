/** Binary media types: a body whose content type the API lists is binary (proxy events carry it base64-encoded). */

function matchesMediaType(contentType: string, pattern: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const wanted = pattern.trim().toLowerCase();
  if (wanted === "*/*") return true;
  if (wanted.endsWith("/*")) return type.startsWith(wanted.slice(0, -1));
  return type === wanted;
}

export function isBinaryMediaType(contentType: string | undefined, binaryMediaTypes: readonly string[] | undefined): boolean {
  if (!contentType || !binaryMediaTypes?.length) return false;
  // API Gateway stores `/` in binary media types as `~1` (PatchOperations paths); either spelling matches.
  return binaryMediaTypes.some((pattern) => matchesMediaType(contentType, pattern.replaceAll("~1", "/")));
}
