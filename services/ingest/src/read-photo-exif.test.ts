import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readPhotoExif } from "./read-photo-exif";

const photo = (exif?: Record<string, Record<string, string>>) => {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: "#3a7" } }).jpeg();
  return (exif ? image.withExif(exif) : image).toBuffer();
};
const exifOf = async (bytes: Buffer) => (await sharp(bytes).metadata()).exif;

describe("readPhotoExif", () => {
  it("keeps the date taken (camera clock), make and model, and nothing of the GPS block", async () => {
    const bytes = await photo({
      IFD0: { Make: "Pixelcam\u0000", Model: "  P-7 Pro " },
      IFD2: { DateTimeOriginal: "2025:07:14 16:20:05" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" },
    });
    const read = readPhotoExif(await exifOf(bytes));
    expect(read).toEqual({ takenAt: "2025-07-14T16:20:05", cameraMake: "Pixelcam", cameraModel: "P-7 Pro" });
  });

  it.each([
    ["no EXIF at all", async () => exifOf(await photo())],
    ["an empty block", async () => Buffer.alloc(0)],
    ["garbage", async () => Buffer.from("Exif\0\0not a TIFF header at all")],
  ])("%s → nulls", async (_name, exif) => {
    expect(readPhotoExif(await exif())).toEqual({ takenAt: null, cameraMake: null, cameraModel: null });
  });
});
