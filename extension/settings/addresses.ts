/**
 * What the options page makes of typed addresses. Pure. People type what the OA or the campus IT
 * notice shows — often a bare host (`oa.x.edu.cn`) — so a missing scheme is never an error here.
 */

export type ServerAddress =
  | { ok: true; url: string /** Set when the scheme was not typed: what we assumed, said to the user. */; assumed?: string }
  | { ok: false; message: string };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Hosts that are only ever served over plain http in practice: the machine itself and bare IP addresses. */
const PLAIN_HTTP_HOST = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])$/i;
/** What a host name may be once parsed (non-ASCII names arrive as punycode); Chrome's parser lets `tz%20x` through. */
const HOST_NAME = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i;

/**
 * The server's origin. Without a scheme: https for a name (a campus server on the internet), http
 * for localhost or an IP address (a test or intranet machine), with a sentence saying which.
 */
export function serverAddress(input: string): ServerAddress {
  const raw = input.trim();
  if (!raw) return { ok: false, message: '请填写服务器地址，如 https://taizhang.example.edu.cn' };
  const typedScheme = HAS_SCHEME.test(raw);
  let url: URL;
  try {
    url = new URL(typedScheme ? raw : `https://${raw}`);
  } catch {
    return { ok: false, message: '服务器地址格式不正确，应如 https://taizhang.example.edu.cn' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: '服务器地址应以 http:// 或 https:// 开头' };
  if (!HOST_NAME.test(url.hostname)) return { ok: false, message: '服务器地址格式不正确，应如 https://taizhang.example.edu.cn' };
  if (typedScheme) return { ok: true, url: url.origin };
  const scheme = PLAIN_HTTP_HOST.test(url.hostname) ? 'http:' : 'https:';
  const origin = `${scheme}//${url.host}`;
  const other = scheme === 'https:' ? 'http' : 'https';
  return { ok: true, url: origin, assumed: `地址未写 http:// 或 https://，已按 ${origin} 连接；若服务器用 ${other}，请在地址前写明 ${other}://` };
}

/**
 * OA site input → the match patterns to ask for and register (Chrome match patterns ignore the
 * port, so one pattern covers the host on any port). A scheme typed is kept, http included. A bare
 * host gets both http and https: many campus OA systems are still served over http, or redirect
 * between the two, and a cadre cannot be expected to know which — one permission prompt covers both.
 */
export function sitePatterns(input: string): string[] {
  const raw = input.trim();
  if (!raw) return [];
  const pattern = /^(https?|\*):\/\/([^/]+)\/\*$/.exec(raw);
  if (pattern) return [`${pattern[1]}://${pattern[2]!.replace(/:\d+$/, '')}/*`];
  const typedScheme = HAS_SCHEME.test(raw);
  try {
    const u = new URL(typedScheme ? raw : `http://${raw}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    if (!HOST_NAME.test(u.hostname)) return [];
    return typedScheme ? [`${u.protocol}//${u.hostname}/*`] : [`http://${u.hostname}/*`, `https://${u.hostname}/*`];
  } catch {
    return [];
  }
}
