export * from "./infra";
export * from "./vision-process";
export * from "./wait-for";
export * from "./openapi-responses";
