export * from "./infra";
export * from "./vision-process";
export * from "./wait-for";
