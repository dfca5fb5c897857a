/**
 * `work` over `items` with at most `limit` running at once; results in the items' order. With `stop`, asked each
 * time one finishes, no item is started once it says so (those running finish): their results stay empty.
 */
export async function inTurns<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, stop?: () => boolean): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length && !stop?.()) {
      const at = next++;
      results[at] = await work(items[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}
