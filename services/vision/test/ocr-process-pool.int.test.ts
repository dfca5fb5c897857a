import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "@poke-ventory/testing";
import { OcrProcessError, OcrProcessPool } from "../src/adapters/ocr-process-pool";
import { ocrProcesses } from "./support/ocr-processes";

/** A number printed dark on a light strip, as a PNG (the engine takes encoded images as well as PGMs). */
async function printedNumber(text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="72"><rect width="100%" height="100%" fill="#f4efe2"/><text x="20" y="52" font-family="DejaVu Sans, sans-serif" font-size="36" fill="#1a1a1a">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A process's CPU time so far, in clock ticks (`utime` + `stime` of `/proc/<pid>/stat`). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** True while `pid` runs (a zombie, dead but not yet reaped, does not count). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1][0] !== "Z";
  } catch {
    return false;
  }
};


const LINE = { layout: "line", whitelist: "0123456789/", text: "codes" } as const;

describe("OcrProcessPool", () => {
  let pool: OcrProcessPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it("reads zones in its processes, on every one of them", async () => {
    pool = await OcrProcessPool.start({ processes: 2 });
    const pids = ocrProcesses();
    expect(pids).toHaveLength(2);
    const before = pids.map(cpuTicks);
    const numbers = ["051/198", "112/165", "007/091", "189/193", "023/025", "060/078"];
    const read = await Promise.all(numbers.map(async (n) => (await pool!.recognize(await printedNumber(n), LINE)).text));
    expect(read).toEqual(numbers);
    // Both processes read: each spent CPU time since it was warm.
    pids.forEach((pid, i) => expect(cpuTicks(pid)).toBeGreaterThan(before[i]));
    expect(pool.usage().cpuMicros).toBeGreaterThan(0);
    expect(pool.idle()).toBe(true);
  });

  it("fails only the read of a process killed with SIGKILL, and reads on with a new one", async () => {
    const logs: string[] = [];
    pool = await OcrProcessPool.start({ processes: 1, log: (m) => logs.push(m) });
    const [pid] = ocrProcesses();
    const image = await printedNumber("051/198");
    const reading = pool.recognize(image, LINE);
    const queued = pool.recognize(image, LINE);
    process.kill(pid, "SIGKILL");
    await expect(reading).rejects.toBeInstanceOf(OcrProcessError);
    // The read queued behind it waits for the new process and is read there.
    expect((await queued).text).toBe("051/198");
    expect(ocrProcesses()).not.toContain(pid);
    expect(ocrProcesses()).toHaveLength(1);
    expect(logs.some((m) => m.includes("exited (SIGKILL)"))).toBe(true);
  });

  it("kills a process that does not answer in time, fails its read and replaces it", async () => {
    pool = await OcrProcessPool.start({ processes: 1, readTimeoutMs: 1_500 });
    const [pid] = ocrProcesses();
    process.kill(pid, "SIGSTOP"); // hung: alive, answering nothing
    const image = await printedNumber("112/165");
    await expect(pool.recognize(image, LINE)).rejects.toBeInstanceOf(OcrProcessError);
    await waitFor(async () => !alive(pid), 20_000);
    expect((await pool.recognize(image, LINE)).text).toBe("112/165");
  });

  it("lets the read running finish on close, fails the queued ones, and leaves no process", async () => {
    pool = await OcrProcessPool.start({ processes: 1 });
    const image = await printedNumber("007/091");
    const running = pool.recognize(image, LINE);
    const queued = pool.recognize(image, LINE);
    const closing = pool.close();
    await expect(queued).rejects.toThrow("closed");
    expect((await running).text).toBe("007/091");
    await closing;
    expect(ocrProcesses()).toEqual([]);
    await expect(pool.recognize(image, LINE)).rejects.toThrow("closed");
  });

  it("leaves no orphan when the process that started it is killed with SIGKILL in the middle of reads", async () => {
    const script = path.join(__dirname, "support", "start-ocr-pool.ts");
    const parent = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        parent.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
        parent.once("exit", (code) => reject(new Error(`the parent exited early (${code})`)));
      });
      const children = ocrProcesses(parent.pid);
      expect(children).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 300)); // both are reading by now
      parent.kill("SIGKILL");
      await waitFor(async () => children.every((pid) => !alive(pid)), 20_000);
    } finally {
      parent.kill("SIGKILL");
    }
  });
});
