import { describe, expect, it } from "vitest";
import { allowedClasses, ctcDecode, isCardCharacter, RECOGNITION_HEIGHT, RECOGNITION_MIN_WIDTH, recognitionClasses, recognitionTensor, recognitionWidth } from "./ppocr-recognition";

describe("recognitionClasses", () => {
  it("puts the blank first and the space last, one class a dictionary line", () => {
    expect(recognitionClasses("a\nb\n中\n")).toEqual(["", "a", "b", "中", " "]);
    expect(recognitionClasses("a\r\nb")).toEqual(["", "a", "b", " "]);
  });
});

describe("isCardCharacter", () => {
  it.each(["A", "z", "0", "/", "-", "é", "É", "ç", "©", "’", "–", "&", "."])("keeps %s", (ch) => {
    expect(isCardCharacter(ch)).toBe(true);
  });
  it.each(["中", "の", "가", "，", "Ａ", "\u0007", "★"])("drops %s", (ch) => {
    expect(isCardCharacter(ch)).toBe(false);
  });
});

describe("allowedClasses", () => {
  const classes = ["", "1", "/", "a", "中", " "];
  it("allows card characters and the blank", () => {
    expect([...allowedClasses(classes)]).toEqual([1, 1, 1, 1, 0, 1]);
  });
  it("allows only a whitelist's characters and the space when given one", () => {
    expect([...allowedClasses(classes, "1/")]).toEqual([1, 1, 1, 0, 0, 1]);
  });
});

describe("ctcDecode", () => {
  const classes = ["", "0", "5", "1", "/", "中", " "];
  const all = allowedClasses(classes);
  /** One step a row: the class given most of the mass, the rest spread. */
  function steps(rows: [number, number][]): Float32Array {
    const probs = new Float32Array(rows.length * classes.length);
    rows.forEach(([c, p], t) => {
      for (let k = 0; k < classes.length; k++) probs[t * classes.length + k] = (1 - p) / (classes.length - 1);
      probs[t * classes.length + c] = p;
    });
    return probs;
  }

  it.each([
    ["merges repeats", [[1, 0.9], [1, 0.9], [2, 0.8], [0, 0.9], [3, 0.7]], "051"],
    ["keeps a double letter split by a blank", [[2, 0.9], [0, 0.9], [2, 0.9]], "55"],
    ["reads nothing from blanks", [[0, 0.9], [0, 0.9]], ""],
    ["joins words with one space and trims", [[6, 0.9], [3, 0.9], [0, 0.9], [6, 0.9], [6, 0.9], [0, 0.9], [6, 0.9], [4, 0.9], [6, 0.8]], "1 /"],
  ] as const)("%s", (_, rows, text) => {
    expect(ctcDecode(steps(rows as unknown as [number, number][]), rows.length, classes, all).text).toBe(text);
  });

  it("gives the mean probability of the characters kept", () => {
    const { confidence } = ctcDecode(steps([[1, 0.9], [1, 0.5], [0, 0.99], [2, 0.6]]), 4, classes, all);
    expect(confidence).toBeCloseTo((0.9 + 0.6) / 2, 6);
    expect(ctcDecode(steps([[0, 0.9]]), 1, classes, all).confidence).toBe(0);
  });

  it("takes the likeliest allowed character where a disallowed one wins", () => {
    const probs = steps([[5, 0.6]]);
    probs[3] = 0.3; // `1` second
    expect(ctcDecode(probs, 1, classes, all).text).toBe("1");
    expect(ctcDecode(probs, 1, classes, allowedClasses(classes, "05/")).text).toBe("");
  });
});

describe("recognitionWidth", () => {
  it.each([
    [100, 48, 100],
    [100, 24, 200],
    [35, 70, 24],
    [10_000, 10, 1600],
    [5, 0, 240],
  ])("a %i×%i crop is %i wide at height 48", (w, h, width) => {
    expect(recognitionWidth(w, h)).toBe(width);
  });
});

describe("recognitionTensor", () => {
  it("scales to [-1, 1], pads with zeros to the minimum width and fills three planes", () => {
    const image = { width: 2, height: 1, data: Uint8Array.from([0, 255]) };
    const { data, width } = recognitionTensor(image, { left: 0, top: 0, right: 2, bottom: 1, score: 1 });
    expect(width).toBe(RECOGNITION_MIN_WIDTH);
    expect(data.length).toBe(3 * RECOGNITION_HEIGHT * width);
    const row = (c: number, y: number) => data.subarray((c * RECOGNITION_HEIGHT + y) * width, (c * RECOGNITION_HEIGHT + y + 1) * width);
    // 2×1 → 96×48: dark on the left, light on the right, padding after column 96.
    for (const c of [0, 1, 2]) {
      expect(row(c, 10)[0]).toBe(-1);
      expect(row(c, 10)[95]).toBe(1);
      expect(row(c, 10)[96]).toBe(0);
      expect(row(c, 10)[RECOGNITION_MIN_WIDTH - 1]).toBe(0);
    }
  });

  it("makes a long line as wide as it needs", () => {
    const image = { width: 20, height: 4, data: new Uint8Array(80) };
    expect(recognitionTensor(image, { left: 0, top: 0, right: 20, bottom: 1, score: 1 }).width).toBe(960);
    expect(recognitionTensor(image, { left: 0, top: 0, right: 4, bottom: 4, score: 1 }).width).toBe(RECOGNITION_MIN_WIDTH);
  });
});
