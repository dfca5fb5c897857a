/**
 * What the card's printed text gives, field by field: each parser lives in its own module with its table test beside
 * it; `parseCardText` assembles them for one card's zone readings.
 */
export { parseCardText, type CardReadings, type ZoneReading } from "./parse-card-text";
export { parseName } from "./parse-name";
export { parseHp } from "./parse-hp";
export { parseNumber, readsNumberCleanly, wholeTotal } from "./parse-number";
export { parseStrictNumber } from "./parse-strict-number";
export { mostReadNumber, numberAgreed, numberVotes } from "./number-votes";
export { parseSetMarks } from "./parse-set-marks";
export { parseIllustrator } from "./parse-illustrator";
export { parseYear } from "./parse-year";
