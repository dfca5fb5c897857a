export * from "./infra";
export * from "./vision-process";
