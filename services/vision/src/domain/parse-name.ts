import { cleanToken } from "./clean-token";

const STAGE_WORDS = new Set(["basic", "base", "basique", "stage", "niveau", "restored", "vmax", "vstar", "v", "ex", "de"]);
const SUFFIXES: Record<string, string> = { ex: "ex", gx: "GX", v: "V", vmax: "VMAX", vstar: "VSTAR", break: "BREAK", prime: "Prime" };
const CONNECTORS = new Set(["de", "du", "des", "la", "le", "of", "&"]);
/** Words printed around the name (card kind, trainer kind): a run made only of these is the layout, not a name. */
const LAYOUT_WORDS = new Set([
  "basic", "base", "basique", "stage", "niveau", "pokémon", "pokemon", "trainer", "dresseur", "supporter", "supporteur",
  "item", "objet", "stadium", "stade", "tool", "outil", "ability", "talent", "energy", "énergie",
]);
const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const LAYOUT_FOLDED = [...LAYOUT_WORDS].map(fold);

/**
 * A token made of layout words, OCR having glued them (`PokemonTool`) and perhaps a letter or two of the symbol
 * after them (`PokemonTooly`).
 */
function isLayout(token: string): boolean {
  const letters = fold(token).replace(/[^a-z]/g, "");
  // ends[i]: the first i letters are layout words end to end.
  const ends = [true];
  for (let i = 1; i <= letters.length; i++) ends[i] = LAYOUT_FOLDED.some((w) => i >= w.length && ends[i - w.length] && letters.startsWith(w, i - w.length));
  return letters.length > 0 && ends.some((end, i) => end && i > 0 && letters.length - i <= 2);
}

/**
 * `Evolves from Ekans` (`Évolue de …`) under the name: that line names the previous stage, not the card. OCR mangles
 * the start of `Evolves` (`Evoives`, `boivesfom`), less often the `ves from` after it.
 */
const EVOLVES = /^[^\p{L}]*\p{L}{0,2}(?:ev[a-z]{2,4}es|[ée]volue|[a-z]{0,4}ves\s?fr?om)/iu;
const WORD = /^[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿA-Z'’.-]*[a-zà-öø-ÿ'’.]$|^[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’.-]+-(?:ex|EX|GX)$/;


/**
 * The card's name from the name band: the longest run of capitalised words (with connectors such as `de`),
 * followed by a mechanic suffix (`ex`, `V`, `VMAX`…). Stage badges (`BASIC`, `STAGE 1`) and OCR debris are dropped.
 */
export function parseName(line: string): string | null {
  // A capital after a small letter starts a new word: OCR glues the mechanic's logo to the name (`PikachaW`).
  const all = line.split(/\s+/).flatMap((t) => t.split(/(?<=\p{Ll})(?=\p{Lu})/u)).map(cleanToken).filter(Boolean);
  const evolves = all.findIndex((t) => EVOLVES.test(t));
  const tokens = evolves >= 0 ? all.slice(0, evolves) : all;
  let best: string[] = [];
  for (let start = 0; start < tokens.length; start++) {
    if (!WORD.test(tokens[start]) || STAGE_WORDS.has(tokens[start].toLowerCase())) continue;
    const run = [tokens[start]];
    for (let i = start + 1; i < tokens.length; i++) {
      const t = tokens[i];
      if (WORD.test(t) && !(t.toLowerCase() in SUFFIXES)) run.push(t);
      else if (/^d['’]\p{Lu}/u.test(t)) run.push(t);
      else if (CONNECTORS.has(t.toLowerCase()) && i + 1 < tokens.length && WORD.test(tokens[i + 1])) run.push(t);
      else {
        if (t.toLowerCase() in SUFFIXES) run.push(SUFFIXES[t.toLowerCase()]);
        break;
      }
    }
    if (run.every(isLayout)) continue;
    const letters = run.join("").length;
    if (letters > best.join("").length) best = run;
  }
  const name = best.join(" ");
  return name.replace(/[^\p{L}]/gu, "").length >= 3 ? name : null;
}

