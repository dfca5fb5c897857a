import type { Point } from "@poke-ventory/contracts";
import { orientationCandidates, type Rotation } from "./domain/card-geometry";
import { parseCardText, readsNumberCleanly, wholeTotal, type CardReadings, type ZoneReading } from "./domain/card-text";
import { CARD_ZONES, NAME_BAND_PASSES, printLies, TEXT_LAYOUT, zoneRect, type ZoneFraction } from "./domain/card-zones";
import { ORIENTATION } from "./domain/parameters";
import type { ZoneReader } from "./card-zone-reader";
import { hasName, NAME_ZONE } from "./read-name-band";
import type { CardCatalog, RawImage } from "./ports";

/** A card read one way up. */
export interface CardReading {
  rotation: Rotation;
  /** The upright card at the canonical size. */
  card: RawImage;
  readings: CardReadings;
  /**
   * How strongly the readings said the card is this way up, before the HP retries ({@link evidence}); settled
   * ({@link SETTLED}) when the catalog confirms the number read ({@link CardCatalog}).
   */
  evidence: number;
}

/** Evidence enough to take the likelier rotation without reading the other. */
export const SETTLED: number = ORIENTATION.settled;
/** Any year a copyright line could print: here a year weighs orientation (the reported one is checked against the clock). */
export const ANY_YEAR = 2100;

const HP_ZONE = CARD_ZONES.find((z) => z.name === "hp")!;
const COPYRIGHT_ZONE = CARD_ZONES.find((z) => z.name === "copyright")!;
const FOOTER_ZONE = CARD_ZONES.find((z) => z.name === "footer")!;

/** What the orientation decider needs: the card warped a given way up, and read so. */
export interface OrientationDeps {
  /** The card of the quad warped turned `rotation`, with its zone reader. */
  warp(rotation: Rotation): Promise<ZoneReader>;
  /** The card read turned `rotation`, from its warp. */
  read(rotation: Rotation, card: ZoneReader): Promise<CardReading>;
  catalog?: CardCatalog;
}

/**
 * The card of `quad` read the way up the evidence says. The likelier rotation for the quad's shape is read first
 * (all its zones at once, to keep the OCR workers busy: most cards come that way up), unless its layout shows the
 * text band on top ({@link printLayout}), or leans so and a glance ({@link showsUpright}) finds it upright the
 * opposite way and not the likelier way (glanced at first, its zones read anyway; an HP alone, which debris gives,
 * does not count there), or the opposite one when `prefer` says so (the way the other cards of its page face). A
 * zone is read once per warped card: a glance's reads are the reading's.
 * Two of a collector number, an HP and a copyright year settle it (upside down, the corners hold small print and
 * symbols, where they are seldom found), as does a number the catalog confirms with the name. With one, a glance at
 * the opposite rotation (HP, copyright, name band) decides whether to read it; with none it is read. Read, the
 * opposite wins when it gives more of them; with as many, the one of the two that alone reads its collector number in
 * its printed shape wins ({@link cleanNumber}), else the one whose name alone the catalog knows (upside down, debris
 * reads as words no card is named), else the opposite only with a name clearly more confident than the first.
 */
export async function decideOrientation(deps: OrientationDeps, quad: readonly Point[], prefer?: Rotation): Promise<CardReading> {
  const candidates = orientationCandidates(quad);
  let [likely, opposite] = prefer === candidates[1] ? [candidates[1], candidates[0]] : candidates;
  let warped = await deps.warp(likely);
  let turned: ZoneReader | undefined;
  const lies = prefer === undefined ? await printLayout(warped) : "up";
  let flip = lies === "down";
  if (lies === "leans down" && !(await showsUpright(warped, { footer: true, beyondHp: true }))) {
    turned = await deps.warp(opposite);
    flip = await showsUpright(turned, { footer: true });
  }
  if (flip) {
    [likely, opposite] = [opposite, likely];
    [warped, turned] = [turned ?? (await deps.warp(likely)), warped];
  }
  const first = await deps.read(likely, warped);
  if (first.evidence >= SETTLED) return first;
  turned ??= await deps.warp(opposite);
  if (first.evidence > 0 && !(await showsUpright(turned))) return first;
  const second = await deps.read(opposite, turned);
  const stronger = second.evidence - first.evidence;
  if (stronger !== 0) return stronger > 0 ? second : first;
  const [firstClean, secondClean] = [cleanNumber(first.readings), cleanNumber(second.readings)];
  if (firstClean !== secondClean) return secondClean ? second : first;
  const [firstKnown, secondKnown] = await Promise.all([first, second].map((r) => knownName(deps.catalog, r.readings)));
  if (firstKnown !== secondKnown) return secondKnown ? second : first;
  const [firstName, secondName] = [nameConfidence(first.readings.name!), nameConfidence(second.readings.name!)];
  return secondName >= ORIENTATION.confidentName && secondName > firstName + ORIENTATION.nameMargin ? second : first;
}

/**
 * How strongly a reading says the card is upright: one for each of a collector number, an HP and a copyright year
 * read. Upside-down debris gives one of them now and then, rarely two. A number counts only with a whole printed
 * total ({@link wholeTotal}): debris read upside down gives numbers with a one-digit total (`71/7`), which with an HP
 * of debris settled the wrong way.
 */
export function evidence(r: CardReadings): number {
  const features = parseCardText(r, { maxYear: ANY_YEAR });
  const number = features.number !== null && wholeTotal(features);
  return [number, features.hp !== null, features.year !== null].filter(Boolean).length;
}

/**
 * A glance at a warped card: its HP or copyright zone gives a value (the copyright zone of many cards holds the end of
 * the number line: a collector number in its printed shape counts), or its name band a confident name. With the
 * `footer` (the slowest zone, read the same by the reading that may follow), its collector number or year count too.
 * `beyondHp`: an HP alone does not count (upside down, debris gives one now and then).
 */
async function showsUpright(card: ZoneReader, { footer = false, beyondHp = false } = {}): Promise<boolean> {
  const [name, hp, copyright, bottom] = await Promise.all([
    card.read(NAME_ZONE, NAME_BAND_PASSES[0]),
    card.read(HP_ZONE),
    card.read(COPYRIGHT_ZONE),
    footer ? card.read(FOOTER_ZONE) : { lines: [], confidence: 0 },
  ]);
  const features = parseCardText({ name, hp, copyright, footer: bottom }, { maxYear: ANY_YEAR });
  const number = [...copyright.lines, ...bottom.lines].some((l) => readsNumberCleanly(l.text));
  return (!beyondHp && features.hp !== null) || features.year !== null || number || nameConfidence(name) >= ORIENTATION.confidentName;
}

/**
 * How the warped card's small print lies ({@link printLies}): mostly in its upper half, where an upright card has its
 * art, it lies upside down. A glance of a few milliseconds, no OCR: light and dark print counted alike.
 */
async function printLayout(card: ZoneReader): Promise<ReturnType<typeof printLies>> {
  const { image } = card;
  const glyph = { min: TEXT_LAYOUT.glyph.min * image.height, max: TEXT_LAYOUT.glyph.max * image.height };
  const count = async (band: ZoneFraction) => (await card.glyphs(zoneRect(band, image), glyph)).flat().length;
  const [art, text] = await Promise.all([count(TEXT_LAYOUT.art), count(TEXT_LAYOUT.text)]);
  return printLies(art, text);
}

/**
 * True when the readings give their collector number in its printed shape (`041/165`), not only through a repair.
 * Upside down, debris gives an HP more often than that: as much evidence either way up, the clean number wins.
 */
function cleanNumber(r: CardReadings): boolean {
  return [...(r.number?.lines ?? []), ...(r.footer?.lines ?? [])].some((l) => readsNumberCleanly(l.text));
}

/** True when the catalog knows the name of the readings (asked only when they give one). */
async function knownName(catalog: CardCatalog | undefined, readings: CardReadings): Promise<boolean> {
  const features = parseCardText(readings, { maxYear: ANY_YEAR });
  return !!catalog && features.name !== null && catalog.knowsName(features);
}

/** The confidence of a name band that gave a name, else 0. */
const nameConfidence = (r: ZoneReading) => (hasName(r) ? r.confidence : 0);
