/** A token with OCR debris trimmed from its ends (a dot kept after a word: `Exp.`). */
export const cleanToken = (token: string) => token.replace(/^[^\p{L}\d]+|[^\p{L}\d.'’-]+$/gu, "").replace(/[.]+$/, (m) => (m.length === 1 ? m : ""));
