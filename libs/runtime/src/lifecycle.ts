import type { ServiceBroker } from "moleculer";
import { ConfigError } from "./config";

/** The longest a stop may take before the process exits anyway (channels hand back held work well before). */
export const STOP_DEADLINE_MS = 10_000;

/**
 * Runs a composition root: config errors print one clear message and exit 1; SIGINT/SIGTERM stop the
 * broker and run the cleanups; an unexpected rejection is logged, never fatal. Stopping the broker stops each channel
 * from fetching, lets held messages finish within the adapter's grace period and hands the rest back (nak) to
 * another replica; after {@link STOP_DEADLINE_MS} the process exits whatever is left.
 */
export async function runMain(start: () => Promise<{ broker: ServiceBroker; cleanup?: () => Promise<void> }>) {
  process.on("unhandledRejection", (reason) => {
    console.error(JSON.stringify({ level: "error", msg: "unhandled rejection", reason: String(reason) }));
  });
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error(JSON.stringify({ level: "fatal", msg: "failed to start", error: String((err as Error)?.stack ?? err) }));
    }
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    started.broker.logger.info(`Received ${signal}, shutting down`);
    const deadline = setTimeout(() => {
      started.broker.logger.error(`stop took over ${STOP_DEADLINE_MS} ms, exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    try {
      await started.broker.stop();
      await started.cleanup?.();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
