/**
 * Scripts whose url is itself a `data:` URL: loaders that compile modules in memory (tsx for CommonJS
 * TypeScript reached through its ESM hooks) name them `data:text/javascript,<encoded module>?filePath=…`,
 * a url of the whole compiled module, kilobytes long. These helpers read such a url and shorten it for
 * display (decoding the module is the Node side's job: `main/profile/load-source-maps.ts`). Pure.
 */

const DATA = 'data:';

/** Whether `url` is a `data:` URL. */
export function isDataUrl(url: string): boolean {
  return url.startsWith(DATA);
}

/** The file a tsx `data:` module was compiled from (its `?filePath=` parameter), as written there; or undefined. */
export function dataModuleFilePath(url: string): string | undefined {
  const query = dataUrlQuery(url);
  if (query === undefined) return undefined;
  // URLSearchParams is not in core's lib (no DOM, no Node): the query is split by hand.
  for (const pair of query.split('&')) {
    const [key, value] = pair.split('=');
    // tsx adds its own query to the path (`?namespace=…`): not part of the file's name.
    if (key === 'filePath' && value) return decodeURIComponent(value.replace(/\+/g, ' ')).split('?')[0];
  }
  return undefined;
}

/** `data: module (N KiB)` for a `data:` URL (N its length, KiB rounded up); other urls unchanged. */
export function displayUrl(url: string): string {
  if (!isDataUrl(url)) return url;
  const file = dataModuleFilePath(url);
  const size = `${Math.max(1, Math.ceil(url.length / 1024))} KiB`;
  return file === undefined ? `data: module (${size})` : `data: module of ${file} (${size})`;
}

/** The last path segment of a url for a compact column (`billing.ts`); a `data:` url as `displayUrl` says it. */
export function fileLabel(url: string): string {
  return isDataUrl(url) ? displayUrl(url) : (url.split('/').pop() ?? url);
}

function dataUrlQuery(url: string): string | undefined {
  if (!isDataUrl(url)) return undefined;
  const comma = url.indexOf(',');
  const query = comma < 0 ? -1 : url.indexOf('?', comma);
  return query < 0 ? undefined : url.slice(query + 1);
}
