/** Which way a "Lên"/"Xuống" button moves an item. */
export type Direction = 'up' | 'down';

/**
 * The list with the item at `index` swapped with its neighbour above or
 * below; unchanged at either end. The site admin's lists (categories, menu,
 * home blocks) are reordered this way, a step per press, without JavaScript.
 */
export function moved<T>(items: readonly T[], index: number, direction: Direction): T[] {
  const out = [...items];
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || index >= out.length || other < 0 || other >= out.length) return out;
  [out[index], out[other]] = [out[other] as T, out[index] as T];
  return out;
}
