/**
 * Starts an OCR process pool of two, says `ready`, then keeps both processes reading: killed by the pool's test, to
 * show its processes do not outlive it, even in the middle of a read.
 */
import sharp from "sharp";
import { OcrProcessPool } from "../../src/adapters/ocr-process-pool";

async function main() {
  const pool = await OcrProcessPool.start({ processes: 2 });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="400"><rect width="100%" height="100%" fill="#eee"/><text x="10" y="200" font-size="60">Illus. Mitsuhiro Arita 051/198</text></svg>`;
  const image = await sharp(Buffer.from(svg)).png().toBuffer();
  console.log("ready");
  const readOn = async (): Promise<never> => {
    for (;;) await pool.recognize(image, { layout: "block" });
  };
  await Promise.all([readOn(), readOn()]);
}

void main();
