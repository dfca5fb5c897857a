export * from "./channels";
export * from "./payloads";
export * from "./errors";
export * from "./views";
export * from "./actions";
