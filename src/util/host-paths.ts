// Error text that leaves Lambent (API responses, invoke error payloads, function state reasons) must not describe the
// host: where the data dir is, who runs Lambent (/root), what the temp dir is. Node's own errors name the file they
// failed on ("ENOENT: no such file or directory, open '/var/lib/lambent/code/ce/ce65….zip'"), so any such text is
// passed through `scrubHostPaths` before a caller sees it, and the full text goes to Lambent's own log instead.

/** What a host path is replaced with. */
export const HOST_PATH = '(a path on the Lambent host)';

/**
 * Replaces every absolute path, every `file://` URL and every occurrence of the given roots (the data dir, also when it
 * was given relative) in `text` with HOST_PATH. Network URLs (http://host/path) are left alone.
 */
export function scrubHostPaths(text: string, roots: readonly string[] = []): string {
  let out = text;
  // Longest first, so a root inside another root cannot leave a tail behind.
  for (const root of [...new Set(roots.filter((r) => r.length > 1))].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`${escapeRegExp(root.replace(/\/+$/, ''))}(?:/${PATH_CHARS}*)?`, 'g'), HOST_PATH);
  }
  out = out.replace(/file:\/\/[^\s'"`()[\],;<>]*/g, HOST_PATH);
  // An absolute path starts after a boundary (start, space, quote, bracket, '=', ',', ':'), never after another '/'
  // or a scheme's "//" (so http://127.0.0.1:9001/x stays as it is).
  // Sentence punctuation right after a path ("cannot run /usr/bin/x: …") is kept.
  return out.replace(
    new RegExp(`(^|[\\s'"\`(\\[=,:])/(?!/)${PATH_CHARS}+?([:.]*)(?=[\\s'"\`()[\\],;<>]|$)`, 'g'),
    (_m, lead: string, punct: string) => `${lead}${HOST_PATH}${punct}`,
  );
}

/** Characters a path runs over in a message: stops at spaces, quotes, brackets and list punctuation. */
const PATH_CHARS = '[^\\s\'"`()[\\],;<>]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
