import type { ValueTransformer } from "typeorm";

/** PostgreSQL `numeric` comes back from the driver as a string; the app works with numbers. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
