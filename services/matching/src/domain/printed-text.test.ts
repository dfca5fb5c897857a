import { describe, expect, it } from "vitest";
import { closestIn, compactName, distanceWithin, printedNumbers, rawTextLines } from "./printed-text";

describe("printedNumbers", () => {
  it.each([
    ["95", 203, ["095/203", "95/203"]],
    ["214", 203, ["214/203"]],
    ["5", 102, ["005/102", "5/102"]],
    ["60a", 108, ["060A/108", "60A/108"]],
    ["TG23", 30, ["TG23/TG30"]],
    ["GG10", 70, ["GG10/GG70"]],
    ["SV107", 122, ["SV107/SV122"]],
    ["SWSH182", 307, ["SWSH182"]],
    ["SM60", 248, ["SM60"]],
    ["45", null, ["45"]],
    ["?", 28, []],
  ] as const)("%s of %s → %j", (number, total, shapes) => {
    expect(printedNumbers(number, total)).toEqual(shapes);
  });

  it("prints a promo's code when the catalog number omits it (`SVP 045`, `045/SV-P`)", () => {
    expect(printedNumbers("45", null, "SVP")).toEqual(["SVP045", "045/SV-P"]);
    expect(printedNumbers("SWSH182", null, "SVP")).toEqual(["SWSH182"]);
  });
});

describe("distanceWithin", () => {
  it.each([
    ["095/203", "se a 095/203 *", 0],
    ["095/203", "0935/2038", 1],
    ["215/203", "0935/2038", 2],
    ["095/203", "", 7],
    ["", "anything", 0],
    ["akiraegawa", "espakirategawaire", 1],
  ])("%s in %s: %i", (pattern, text, distance) => {
    expect(distanceWithin(pattern, text)).toBe(distance);
  });

  it("handles a text longer than its first scratch rows", () => {
    expect(distanceWithin("095/203", `${"x".repeat(500)}095/203`)).toBe(0);
  });
});

describe("rawTextLines and closestIn", () => {
  it("compacts each non-empty line both ways", () => {
    expect(rawTextLines("Illus. Akira Egawa\n\n  095/ 203 ")).toEqual({ codes: ["ILLUS.AKIRAEGAWA", "095/203"], names: ["illusakiraegawa", "095203"] });
    expect(rawTextLines(" \n")).toBeNull();
  });

  it("drops accents from names", () => {
    expect(compactName("Kéiichirô Itô")).toBe("keiichiroito");
  });

  it("takes the best shape in the best line", () => {
    expect(closestIn(["095/203", "95/203"], ["E 0 95/203", "nothing"])).toBe(0);
    expect(closestIn(["095/203"], [])).toBe(Infinity);
  });
});
