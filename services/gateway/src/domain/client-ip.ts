/**
 * The client's address. `X-Forwarded-For` is a list each proxy appends to, so only its last `trustedHops`
 * entries were written by proxies we run; anything before them is whatever the client sent. With no trusted
 * proxy the header is ignored.
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const direct = socketAddress ?? "unknown";
  if (trustedHops <= 0 || !forwardedFor) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!hops.length) return direct;
  return hops[Math.max(0, hops.length - trustedHops)];
}
