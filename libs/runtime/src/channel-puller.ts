import type { Consumer, JsMsg } from "nats";
import { FailureCodes, type ChannelPolicy } from "@poke-ventory/contracts";
import { onArrival, onFailedDelivery, type DeliveryDecision } from "./delivery-decision";
import { withTimeout } from "./with-timeout";

export interface ChannelPullerOptions {
  consumer: Consumer;
  /** Names the channel and group in logs. */
  label: string;
  policy: ChannelPolicy;
  /** The channel's wrapped handler (context, middlewares): `(payload, raw)`. */
  handle: (payload: unknown, raw: JsMsg) => Promise<unknown>;
  decode: (data: Uint8Array) => unknown;
  /** Publishes the message to the dead letter with the reason; null when this channel does not dead-letter. */
  deadLetter: ((msg: JsMsg, reason: string, code?: string) => Promise<void>) | null;
  log: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
  /** Told of each failed attempt: retried (`nak` with the backoff) or dead-lettered. */
  onFailure?: (outcome: "retried" | "dead-lettered") => void;
  /** How long one pull request waits on an empty backlog (also the longest a stop waits for it). */
  fetchExpiresMs: number;
}

interface Held {
  msg: JsMsg;
  /** Acked, nacked or dead-lettered: nothing more may be said about this delivery. */
  settled: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Pulls one channel's messages for one consumer group in this process: it asks the server for at most its free
 * slots (`maxInFlight` minus what it holds), so the rest of the backlog stays in JetStream for any replica. While a
 * handler runs, in-progress acks keep the delivery; a failure comes back after the policy's backoff (`nak(delay)`),
 * and the last one goes to the dead letter. `stop()` takes no more, lets held work finish within a grace period and
 * hands the rest back at once.
 */
export class ChannelPuller {
  private readonly held = new Set<Held>();
  private stopping = false;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ChannelPullerOptions) {}

  start(): void {
    this.loopDone = this.loop();
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const deadline = Date.now() + graceMs;
    const finished = (async () => {
      while (this.held.size > 0 && Date.now() < deadline) await sleep(25);
    })();
    await Promise.all([this.loopDone, finished]);
    for (const entry of this.held) this.settle(entry, { kind: "retry", delayMs: 0 });
  }

  private async loop(): Promise<void> {
    const { consumer, policy, fetchExpiresMs, log, label } = this.opts;
    while (!this.stopping) {
      const free = policy.maxInFlight - this.held.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        const batch = await consumer.fetch({ max_messages: free, expires: fetchExpiresMs });
        for await (const msg of batch) {
          // A pull answered after stop() began: give it straight back.
          if (this.stopping) quietly(() => msg.nak());
          else void this.run(msg);
        }
      } catch (err) {
        if (this.stopping) break;
        log.warn(`pull of ${label} failed, retrying: ${String((err as Error)?.message ?? err)}`);
        await sleep(1000);
      }
    }
  }

  private async run(msg: JsMsg): Promise<void> {
    const entry: Held = { msg, settled: false };
    this.held.add(entry); // before any await: the free slot count must see it
    const { policy, handle, decode } = this.opts;
    const delivery = msg.info.redeliveryCount;
    let heartbeat: NodeJS.Timeout | null = null;
    try {
      const early = onArrival(delivery, policy);
      if (early) return await this.settle(entry, early);
      let payload: unknown;
      try {
        payload = decode(msg.data);
      } catch {
        return await this.settle(entry, { kind: "dead-letter", reason: "the message is not valid JSON", code: FailureCodes.badMessage });
      }
      heartbeat = setInterval(() => !entry.settled && quietly(() => msg.working()), Math.max(200, Math.floor(policy.ackWaitMs / 3)));
      try {
        await withTimeout(Promise.resolve().then(() => handle(payload, msg)), policy.timeoutMs);
        await this.settle(entry, null);
      } catch (err) {
        await this.settle(entry, onFailedDelivery(err, delivery, policy));
      }
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      // A handler past its time limit frees its slot (its delivery was handed back): a hung handler never wedges the
      // replica. Its late result is harmless: publishes are deduplicated by Nats-Msg-Id, its ack is ignored.
      this.held.delete(entry);
      this.wake?.();
    }
  }

  /** Acks (decision null), naks with a delay, or dead-letters then acks; only once per delivery. */
  private async settle(entry: Held, decision: DeliveryDecision | null): Promise<void> {
    if (entry.settled) return;
    entry.settled = true;
    const { msg } = entry;
    if (!decision) return quietly(() => msg.ack());
    const { deadLetter, log, label, onFailure } = this.opts;
    if (decision.kind === "retry") {
      // A hand-back on stop is not a failure.
      if (!this.stopping) onFailure?.("retried");
      return quietly(() => msg.nak(decision.delayMs));
    }
    onFailure?.("dead-lettered");
    if (!deadLetter) {
      log.error(`dropping message ${msg.seq} of ${label}: ${decision.reason}`);
      return quietly(() => msg.term());
    }
    try {
      await deadLetter(msg, decision.reason, decision.code);
      quietly(() => msg.ack());
    } catch (err) {
      log.error(`could not dead-letter message ${msg.seq} of ${label}: ${String((err as Error)?.message ?? err)}`);
      quietly(() => msg.nak(this.opts.policy.backoffMs.at(-1) ?? 0));
    }
  }
}

/**
 * Acks and naks on a closed connection throw; the server then redelivers after the ack wait, which is all that can
 * happen, so the error is not worth a crash.
 */
function quietly(reply: () => void): void {
  try {
    reply();
  } catch {
    // connection closed: nothing to tell the server
  }
}
