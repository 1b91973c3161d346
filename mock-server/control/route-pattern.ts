/**
 * Route patterns for faults: `/patients/*\/diagnoses` (`*`, `:name` or `{name}` is one path segment),
 * `/patients/**` (`**` is any rest, including nothing). Matching is on the path alone, segment by
 * segment, so `/patients/*` never matches `/patients/x/diagnoses`.
 */

export class RoutePatternError extends Error {
  override readonly name = 'RoutePatternError';
}

export type RouteMatcher = (path: string) => boolean;

export function compileRoutePattern(pattern: string): RouteMatcher {
  if (!pattern.startsWith('/')) throw new RoutePatternError(`a route pattern starts with '/', got ${pattern}`);
  const segments = split(pattern);
  const rest = segments.indexOf('**');
  if (rest !== -1 && rest !== segments.length - 1) {
    throw new RoutePatternError(`'**' may only end a route pattern, got ${pattern}`);
  }
  const fixed = rest === -1 ? segments : segments.slice(0, rest);
  return (path) => {
    const parts = split(path);
    if (rest === -1 ? parts.length !== fixed.length : parts.length < fixed.length) return false;
    for (let i = 0; i < fixed.length; i++) {
      const want = fixed[i] as string;
      if (want === '*' || want.startsWith(':') || (want.startsWith('{') && want.endsWith('}'))) continue;
      if (want !== parts[i]) return false;
    }
    return true;
  };
}

function split(path: string): string[] {
  return (path.split('?')[0] ?? '').split('/').filter((s) => s !== '');
}
