export * from "./data-source";
export * from "./pglite-lock";
