import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A child process whose output is kept (and shown when a test fails), stopped with SIGTERM. */
export class ManagedProcess {
  private readonly child: ChildProcess;
  private output = "";
  exitCode: number | null = null;

  constructor(readonly name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    this.child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on("data", keep);
    this.child.stderr?.on("data", keep);
    this.child.on("exit", (code) => (this.exitCode = code ?? -1));
  }

  get running(): boolean {
    return this.exitCode === null;
  }

  logs(): string {
    return `----- ${this.name} (exit ${this.exitCode ?? "running"}) -----\n${this.output}`;
  }

  /** kill -9: no shutdown code runs, as when a machine loses power. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGKILL");
    await exited;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Polls until `check` resolves true, or fails with the processes' logs. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, procs: ManagedProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = procs.find((p) => !p.running);
    if (dead) throw new Error(`${dead.name} exited while waiting for ${what}\n${dead.logs()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}\n${procs.map((p) => p.logs()).join("\n")}`);
}
