/** A channel's name without the namespace prefix `@moleculer/channels` adds (`<prefix>.`): the key of the policies. */
export function unprefixedChannel(name: string, prefix: string | null | undefined): string {
  const head = prefix ? `${prefix}.` : "";
  return head && name.startsWith(head) ? name.slice(head.length) : name;
}
