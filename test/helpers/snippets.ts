/** Snippet bodies as a user gets them when accepting every default. */

/** Replace `${1:default}` by its default, `${1|a,b|}` by its first choice, `$1`/`$0` by nothing. */
export function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '');
}
