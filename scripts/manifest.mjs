// The manifest for a host: manifest.xml is written for the dev server (https://localhost:3000/); a build for
// production replaces that prefix by the host the add-in is served from, given once on the command line:
//   npm run build -- --env host=https://example.org/budgetkoll/
// and webpack writes the result to dist/manifest.xml (see webpack.config.js).

export const DEV_HOST = "https://localhost:3000/";

/** The host as a URL prefix: https, ending in "/", no query or fragment; throws a message otherwise. */
export function normalHost(host) {
  let url;
  try {
    url = new URL(host);
  } catch {
    throw new Error(
      `host=${host} is not a URL; give the address the add-in is served from, e.g. https://example.org/budgetkoll/`,
    );
  }
  if (url.protocol !== "https:") throw new Error(`host=${host}: Office loads add-ins only over https`);
  if (url.search || url.hash) throw new Error(`host=${host}: no query or fragment`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** manifest.xml with every URL moved from the dev server to `host`. */
export function manifestFor(xml, host) {
  const prefix = normalHost(host);
  const out = xml.replaceAll(DEV_HOST, prefix);
  const stray = out.match(/https:\/\/localhost[^"<\s]*/);
  if (prefix !== DEV_HOST && stray) throw new Error(`manifest.xml: ${stray[0]} is not under ${DEV_HOST}`);
  return out;
}
