import { AppError } from "@poke-ventory/contracts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 320;

/** Normalizes and checks register/login input; every problem is reported at once. */
export function checkCredentials(input: { email?: unknown; password?: unknown }): { email: string; password: string } {
  const problems: { field: string; message: string }[] = [];
  const email = typeof input.email === "string" && input.email.length <= MAX_EMAIL * 2 ? input.email.trim().toLowerCase() : "";
  const password = typeof input.password === "string" ? input.password : "";
  // The length first: the pattern backtracks quadratically on long inputs full of dots and `@`.
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) problems.push({ field: "email", message: "must be a valid email address" });
  if (password.length < 8 || password.length > 256) problems.push({ field: "password", message: "must be 8 to 256 characters" });
  if (problems.length) throw new AppError("VALIDATION_FAILED", "The request is not valid", problems);
  return { email, password };
}
