import { execFileSync } from "node:child_process";

/** The pids of the OCR processes (`ocr-process.ts`) running under `parent` (this process by default). */
export function ocrProcesses(parent = process.pid): number[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(parent)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when nothing matches
  }
  return out
    .split("\n")
    .filter((line) => line.includes("ocr-process"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
