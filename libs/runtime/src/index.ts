export * from "./config";
export * from "./broker";
export * from "./errors";
export * from "./tracing";
export * from "./publish";
export * from "./jetstream";
export * from "./lifecycle";
export * from "./clock";
