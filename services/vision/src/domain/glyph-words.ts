/** A rectangle in pixels. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How glyphs are chained into a word. */
export interface WordRules {
  /** Fewest glyphs in a word (a collector number has at least three: `1/5`). */
  minGlyphs: number;
  /** Largest gap between neighbouring glyphs, in glyph heights. */
  maxGap: number;
  /** Largest ratio between neighbouring glyphs' heights. */
  maxHeightRatio: number;
  /** Least vertical overlap of neighbouring glyphs, as a fraction of the smaller one's height. */
  minOverlap: number;
}

export const WORD_RULES: WordRules = { minGlyphs: 3, maxGap: 1.2, maxHeightRatio: 1.5, minOverlap: 0.6 };

/**
 * Glyph-sized blobs chained left to right into words: each glyph joins the chain whose last glyph it follows
 * closely, at about the same height and on the same line. A chain of at least `minGlyphs` glyphs is a word, returned
 * as the rectangle around it, words ordered as they were started (left to right).
 */
export function glyphWords(glyphs: readonly PixelRect[], rules: WordRules = WORD_RULES): PixelRect[] {
  const sorted = [...glyphs].sort((a, b) => a.left - b.left || a.top - b.top);
  const taken = new Set<number>();
  const words: PixelRect[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (taken.has(i)) continue;
    const chain = [sorted[i]];
    for (let j = i + 1; j < sorted.length; j++) {
      if (!taken.has(j) && follows(chain[chain.length - 1], sorted[j], rules)) {
        chain.push(sorted[j]);
        taken.add(j);
      }
    }
    if (chain.length >= rules.minGlyphs) words.push(around(chain));
  }
  return words;
}

/** True when glyph `next` continues the word whose last glyph is `last`. */
function follows(last: PixelRect, next: PixelRect, rules: WordRules): boolean {
  const [short, tall] = [Math.min(last.height, next.height), Math.max(last.height, next.height)];
  const gap = next.left - (last.left + last.width);
  const overlap = Math.min(last.top + last.height, next.top + next.height) - Math.max(last.top, next.top);
  return gap <= rules.maxGap * tall && gap >= -0.3 * tall && tall <= rules.maxHeightRatio * short && overlap >= rules.minOverlap * short;
}

function around(rects: readonly PixelRect[]): PixelRect {
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.left + r.width));
  const bottom = Math.max(...rects.map((r) => r.top + r.height));
  return { left, top, width: right - left, height: bottom - top };
}
