/**
 * The text a `data:` URL carries: an inline source map (`//# sourceMappingURL=data:application/json;
 * base64,…`) or a whole module (tsx's `data:text/javascript,…?filePath=…`).
 */

/**
 * The text of a `data:<type>[;charset=…][;base64],…` URL; a `?…` query after the body (tsx appends
 * `?filePath=…` to a percent-encoded module, whose own `?` are encoded) is not part of it.
 * Throws on a URL without a comma or with a malformed percent escape.
 */
export function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (comma < 0) throw new Error('malformed data: URL');
  const header = url.slice(5, comma);
  const query = url.indexOf('?', comma);
  const body = url.slice(comma + 1, query < 0 || header.includes('base64') ? undefined : query);
  return header.split(';').includes('base64')
    ? Buffer.from(body, 'base64').toString('utf8')
    : decodeURIComponent(body);
}
