export * from "./data-source";
