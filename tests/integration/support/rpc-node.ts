import path from "node:path";
import { Actions, actionKey, serviceOf } from "@poke-ventory/contracts";
import { createBroker } from "@poke-ventory/runtime";

/**
 * A node for rpc-failover.int.test.ts, run as its own process so the test can kill -9 it: serves one
 * idempotent read and one write that answer with this node's id. Args: NATS URL, namespace, node id.
 */

export function readerSchemas(id: string) {
  return [
    { name: serviceOf(Actions.matching.getSet), actions: { [actionKey(Actions.matching.getSet)]: () => ({ nodeId: id }) } },
    { name: serviceOf(Actions.collection.selectDraft), actions: { [actionKey(Actions.collection.selectDraft)]: () => ({ nodeId: id }) } },
  ];
}

// Run as a script (not when the test imports readerSchemas).
if (path.basename(process.argv[1] ?? "").startsWith("rpc-node")) {
  const [natsUrl, namespace, nodeId] = process.argv.slice(2);
  const broker = createBroker({ natsUrl, namespace, nodeId, logger: false });
  readerSchemas(nodeId).forEach((schema) => broker.createService(schema));
  void broker.start().then(() => console.log("started"));
}
