import { connect, AckPolicy, DeliverPolicy, type NatsConnection } from "nats";
import { Channels, DEAD_LETTER_CHANNEL, Groups } from "@poke-ventory/contracts";

/** Which consumer groups read which channel. */
export const PIPELINE_TOPOLOGY: ReadonlyArray<{ channel: string; groups: string[] }> = [
  { channel: Channels.imageStored, groups: [Groups.vision] },
  { channel: Channels.imageAnalyzed, groups: [Groups.matching] },
  { channel: Channels.cardsMatched, groups: [Groups.collection, Groups.audit] },
  { channel: Channels.draftsCreated, groups: [Groups.ingest] },
  { channel: DEAD_LETTER_CHANNEL, groups: [Groups.ingest] },
  { channel: Channels.draftValidated, groups: [Groups.audit, Groups.mlExport] },
  { channel: Channels.imageFailed, groups: [Groups.ingest, Groups.audit] },
];

/** The stream name `@moleculer/channels` derives from a channel name. */
export const streamName = (channel: string) => channel.split(".").join("_");

/**
 * Creates every stream and durable consumer group before any service publishes, so a message sent
 * before its consumer first subscribed still waits for it. Idempotent: safe on every start.
 */
export async function ensurePipelineStreams(natsUrl: string, namespace: string, maxAckPending = 1000): Promise<void> {
  const servers = natsUrl.split(",").map((s) => new URL(s).host);
  const nc: NatsConnection = await connect({ servers });
  try {
    const jsm = await nc.jetstreamManager();
    for (const topology of PIPELINE_TOPOLOGY) {
      // The channels adapter prefixes every channel with the broker namespace.
      const channel = `${namespace}.${topology.channel}`;
      const stream = streamName(channel);
      const groups = topology.groups;
      await jsm.streams.info(stream).catch(() => jsm.streams.add({ name: stream, subjects: [channel] }));
      for (const group of groups) {
        const exists = await jsm.consumers.info(stream, group).then(() => true, () => false);
        if (exists) continue;
        await jsm.consumers
          .add(stream, {
            durable_name: group,
            deliver_group: stream,
            deliver_subject: `_pv.deliver.${stream}.${group}`,
            deliver_policy: DeliverPolicy.All,
            ack_policy: AckPolicy.Explicit,
            max_ack_pending: maxAckPending,
            filter_subject: channel,
          })
          .catch(async (err: unknown) => {
            // Another process created it between our check and our add: that is the point.
            if (!(await jsm.consumers.info(stream, group).then(() => true, () => false))) throw err;
          });
      }
    }
  } finally {
    await nc.close();
  }
}
