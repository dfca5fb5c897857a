import { resizeBilinear, type GreyImage } from "./grey-image";
import type { TextBox } from "./ppocr-detection";

/**
 * PP-OCR's text recognition (an SVTR/CRNN model with a CTC head) around the model: line crops resized as
 * PaddleOCR's `resize_norm_img` does, and the model's output decoded greedily, as its `CTCLabelDecode` does, over the
 * characters a card prints only.
 */

/** The recognition model's input height. */
export const RECOGNITION_HEIGHT = 48;
/** A line is padded to at least this width (PaddleOCR's `rec_image_shape` 3×48×320); wider when it needs it. */
export const RECOGNITION_MIN_WIDTH = 320;
/** …and at most this wide (a longer line is squeezed: a card's zones never hold one). */
export const RECOGNITION_MAX_WIDTH = 1600;

/** The model's classes: the CTC blank, the dictionary's characters in order, then a space. */
export function recognitionClasses(dictionary: string): string[] {
  const chars = dictionary.split(/\r?\n/);
  if (chars.at(-1) === "") chars.pop();
  return ["", ...chars, " "];
}

/**
 * True for a character a card's text may hold: Latin letters (accents included), digits, punctuation and symbols of
 * the Latin blocks (`©`, `&`, `/`), general punctuation (`’`, `–`). Not CJK, not full-width forms: the Chinese
 * dictionary's thousands of characters otherwise turn up in foil and art.
 */
export function isCardCharacter(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x24f) || (code >= 0x2010 && code <= 0x2027);
}

/**
 * Which classes decoding may give: card characters ({@link isCardCharacter}), or only those of `whitelist` when
 * given (and the space between words); the blank always.
 */
export function allowedClasses(classes: readonly string[], whitelist?: string): Uint8Array {
  const allowed = new Uint8Array(classes.length);
  const only = whitelist ? new Set([...whitelist, " "]) : null;
  classes.forEach((ch, i) => {
    allowed[i] = i === 0 || (only ? only.has(ch) : isCardCharacter(ch)) ? 1 : 0;
  });
  return allowed;
}

/**
 * Greedy CTC decoding of one line (`steps`×`classes.length` probabilities, row-major): at each step the
 * likeliest allowed class, repeats merged, blanks dropped. The confidence is the mean probability of the characters
 * kept (0 for none), as PaddleOCR gives it.
 */
export function ctcDecode(
  probs: Float32Array,
  steps: number,
  classes: readonly string[],
  allowed: Uint8Array,
): { text: string; confidence: number } {
  const n = classes.length;
  let text = "";
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * n;
    let best = 0;
    for (let c = 1; c < n; c++) if (allowed[c] && probs[row + c] > probs[row + best]) best = c;
    if (best !== 0 && best !== previous) {
      text += classes[best];
      sum += probs[row + best];
      kept++;
    }
    previous = best;
  }
  return { text: text.replace(/\s+/g, " ").trim(), confidence: kept > 0 ? sum / kept : 0 };
}

/** The width a `width`×`height` crop takes at the model's height, keeping its aspect, within the maximum. */
export function recognitionWidth(width: number, height: number): number {
  return Math.max(1, Math.min(RECOGNITION_MAX_WIDTH, Math.ceil((RECOGNITION_HEIGHT * width) / Math.max(1, height))));
}

/**
 * One line crop as the model reads it (1×3×48×W): resized to the model's height at its own aspect, scaled to
 * [-1, 1], and padded on the right with zeros to at least {@link RECOGNITION_MIN_WIDTH}.
 */
export function recognitionTensor(image: GreyImage, box: TextBox): { data: Float32Array; width: number } {
  const w = recognitionWidth(box.right - box.left, box.bottom - box.top);
  const width = Math.max(RECOGNITION_MIN_WIDTH, w);
  const plane = RECOGNITION_HEIGHT * width;
  const data = new Float32Array(3 * plane);
  const line = resizeBilinear(image, { left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top }, w, RECOGNITION_HEIGHT);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < RECOGNITION_HEIGHT; y++) for (let x = 0; x < w; x++) data[c * plane + y * width + x] = line[y * w + x] / 127.5 - 1;
  }
  return { data, width };
}
