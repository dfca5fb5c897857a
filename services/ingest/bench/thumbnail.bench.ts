/**
 * CPU time of one thumbnail (what `GET /imports/images/{id}/thumbnail` costs on its first read) from a 12 MP phone-like
 * JPEG: user+sys CPU of the whole process (libvips' threads included), not wall time, so a loaded machine does not
 * skew it. Goal: ≤ 60 ms. `npm run bench:thumbnail [-- --runs 20]`
 */
import sharp from "sharp";
import { makeThumbnail } from "../src/make-thumbnail";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;
const GOAL_MS = 60;

/**
 * A 12 MP JPEG at a phone's quality and size: blurred noise (a flat colour would be nearly free to decode; raw noise,
 * 8 MB, is the worst case, reported too). What a thumbnail costs is mostly the JPEG's entropy decoding, so its size counts.
 */
async function twelveMegapixelJpeg(blur: number | null): Promise<Buffer> {
  const noise = sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } });
  const raw = await (blur ? noise.blur(blur) : noise).raw().toBuffer();
  return sharp(raw, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toBuffer();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(label: string, photo: Buffer): Promise<void> {
  await makeThumbnail(photo, 50_000_000); // warm-up: libvips and the WebP encoder loaded
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    const started = performance.now();
    await makeThumbnail(photo, 50_000_000);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `${label}, 4000×3000 JPEG of ${(photo.length / 1024 / 1024).toFixed(1)} MB: thumbnail CPU (user+sys) median ${median(cpu).toFixed(1)} ms ` +
      `(min ${Math.min(...cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)}, ${runs} runs; goal ≤ ${GOAL_MS} ms); wall median ${median(wall).toFixed(1)} ms (machine shared)`,
  );
}

async function main() {
  sharp.cache(false);
  await measure("phone-like photo", await twelveMegapixelJpeg(1.2));
  await measure("worst case (raw noise)", await twelveMegapixelJpeg(null));
}

void main();
