/**
 * sharp's `normalise()` (its defaults: lightness stretched from the 1st to the 99th percentile) for a one-band 8-bit
 * image, in JS, giving the same bytes. OCR is tuned on that exact output: three near copies each lost bench cards.
 *
 * sharp does it in libvips by converting every pixel to CIE Lab and back, which is three quarters of a zone's
 * preparation. On a grey image the result depends on the grey level alone, so here it is one 256-entry table.
 * What makes the copy exact, each checked against sharp on the bench images (a test keeps checking it):
 * - the percentile (libvips `percent`) is taken on lightness cut to an integer, over a histogram as wide as the
 *   largest such lightness + 1; its cumulative sum is scaled to the histogram's last index in 32-bit floats and cut
 *   to an integer; the percentile is the first bin above `percent/100 × width`, or the width when there is none
 *   (so a stretch can end at 101);
 * - grey goes back through libvips' table of 256 sRGB codes, interpolated and rounded half to even.
 */

const f32 = Math.fround;

/** Round half to even, as C's `rintf`. */
function rint(x: number): number {
  let r = Math.floor(x);
  const d = x - r;
  if (d > 0.5 || (d === 0.5 && r % 2 !== 0)) r++;
  return r;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
const labF = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);

/** CIE lightness (0–100) of each grey level. */
const LIGHTNESS = Float64Array.from({ length: 256 }, (_, v) => 116 * labF(toLinear(v / 255)) - 16);

/** libvips' linear → sRGB table: 256 codes, and a guard entry for interpolating at the top. */
const SRGB_CODES = (() => {
  const codes = new Int32Array(257);
  for (let i = 0; i < 256; i++) {
    const f = f32(i / 255);
    const v = f <= 0.0031308 ? f32(12.92 * f) : f32(1.055 * Math.pow(f, 1 / 2.4) - 0.055);
    codes[i] = rint(f32(255 * v));
  }
  codes[256] = codes[255];
  return codes;
})();

/** Grey level of a lightness, the way libvips goes from Lab back to 8-bit grey. */
function greyOfLightness(L: number): number {
  const Y = L > 8 ? Math.pow((L + 16) / 116, 3) : L / 903.3;
  let Yf = f32(Y * 255);
  if (!(Yf > 0)) Yf = 0;
  else if (Yf > 255) Yf = 255;
  const Yi = Math.floor(Yf);
  return rint(f32(SRGB_CODES[Yi] + f32((SRGB_CODES[Yi + 1] - SRGB_CODES[Yi]) * f32(Yf - Yi))));
}

/** libvips `percent`: the integer lightness below which `percent` % of the pixels lie (see the module doc). */
function lightnessPercentile(histogram: Float64Array, pixels: number, percent: number): number {
  const width = histogram.length;
  const scale = f32((width - 1) / pixels);
  const threshold = (percent / 100) * width;
  let cumulative = 0;
  for (let i = 0; i < width; i++) {
    cumulative += histogram[i];
    if (Math.trunc(f32(cumulative * scale)) > threshold) return i;
  }
  return width;
}

/** The 256-entry table sharp's `normalise()` applies to this grey image; null when it leaves the image as it is. */
function normaliseTable(grey: Uint8Array): Uint8Array | null {
  const counts = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) counts[grey[i]]++;
  let top = 0;
  for (let v = 0; v < 256; v++) if (counts[v]) top = Math.max(top, Math.trunc(LIGHTNESS[v]));
  const histogram = new Float64Array(top + 1);
  for (let v = 0; v < 256; v++) if (counts[v]) histogram[Math.trunc(LIGHTNESS[v])] += counts[v];
  const min = lightnessPercentile(histogram, grey.length, 1);
  const max = lightnessPercentile(histogram, grey.length, 99);
  if (Math.abs(max - min) <= 1) return null;
  const f = 100 / (max - min);
  const a = -min * f;
  return Uint8Array.from({ length: 256 }, (_, v) => greyOfLightness(LIGHTNESS[v] * f + a));
}

/** sharp's `normalise()` of a one-band 8-bit image, in place. */
export function normaliseGrey(grey: Uint8Array): Uint8Array {
  const table = normaliseTable(grey);
  if (table) for (let i = 0; i < grey.length; i++) grey[i] = table[grey[i]];
  return grey;
}
