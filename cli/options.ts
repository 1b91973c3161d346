/** Option parsers the subcommands share: each refuses bad input with what it expected (exit 2). */
import { InvalidArgumentError } from 'commander';

/** An http(s) URL, as given (a trailing slash kept; callers strip it where they join paths). */
export function parseHttpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidArgumentError('expected an http(s) URL such as http://127.0.0.1:4020');
  }
  // fetch refuses a URL with credentials in it, so every request would fail later; and a banner
  // or a log would show them.
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError('expected a URL without a user name or password (tokens have options of their own)');
  }
  return value;
}
