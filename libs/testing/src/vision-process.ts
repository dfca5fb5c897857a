import path from "node:path";
import { repoRoot, s3Env, testInfra, type TestS3 } from "./infra";

/**
 * How to start one distributed vision process from the sources, limited to one image at a time read by
 * one OCR process (`VISION_MAX_IN_FLIGHT=1`, `OCR_WORKERS=1`, `OCR_PROCESSES=1`): a single node process (tsx as a loader, not its CLI's child), so a
 * signal such as SIGKILL reaches the service itself. `env` adds or overrides variables (`HEALTH_PORT`, `CHANNEL_MAX_DELIVER`…).
 */
export function visionProcess(opts: { namespace: string; nodeId: string; s3: TestS3; env?: NodeJS.ProcessEnv }): { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string } {
  return {
    command: process.execPath,
    args: ["--import", "tsx", "--conditions=source", path.join(repoRoot, "services/vision/src/main.ts")],
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NATS_URL: testInfra.natsUrl,
      NAMESPACE: opts.namespace,
      NODE_ID: opts.nodeId,
      ...s3Env(opts.s3),
      VISION_MAX_IN_FLIGHT: "1",
      OCR_WORKERS: "1",
      OCR_PROCESSES: "1",
      LOG_LEVEL: "error",
      ...opts.env,
    },
  };
}
