/** One grey channel, row-major, a byte a pixel. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A binary greymap (`P5`, 8 bits) as the codec prepares zones, or null when the bytes are not one. */
export function parsePgm(bytes: Uint8Array): GreyImage | null {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4 && i < bytes.length) {
    const c = bytes[i];
    if (c === 0x23) {
      // A comment runs to the end of its line.
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else {
      const start = i;
      while (i < bytes.length && ![0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
      fields.push(String.fromCharCode(...bytes.subarray(start, i)));
    }
  }
  const [magic, w, h, max] = fields;
  const [width, height, maxval] = [Number(w), Number(h), Number(max)];
  if (magic !== "P5" || !(width > 0) || !(height > 0) || maxval !== 255 || !Number.isInteger(width * height)) return null;
  const start = i + 1; // one whitespace byte after the maximum value
  if (bytes.length - start < width * height) return null;
  return { data: bytes.subarray(start, start + width * height), width, height };
}

/**
 * The `rect` of `image` resized to `width`×`height` by bilinear interpolation over pixel centres (OpenCV's
 * `INTER_LINEAR`, as PaddleOCR resizes), as floats 0..255.
 */
export function resizeBilinear(
  image: GreyImage,
  rect: { left: number; top: number; width: number; height: number },
  width: number,
  height: number,
): Float32Array {
  const out = new Float32Array(width * height);
  const sx = rect.width / width;
  const sy = rect.height / height;
  const maxX = rect.left + rect.width - 1;
  const maxY = rect.top + rect.height - 1;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(maxY, Math.max(rect.top, rect.top + (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(maxY, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(maxX, Math.max(rect.left, rect.left + (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(maxX, x0 + 1);
      const wx = fx - x0;
      const top = image.data[y0 * image.width + x0] * (1 - wx) + image.data[y0 * image.width + x1] * wx;
      const bottom = image.data[y1 * image.width + x0] * (1 - wx) + image.data[y1 * image.width + x1] * wx;
      out[y * width + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}
