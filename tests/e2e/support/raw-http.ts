import { connect } from "node:net";

/**
 * Writes `request` as it is on a fresh socket and returns the status of the answer's first line (0 when the
 * server closes without one). For requests fetch refuses to send: header floods, oversized request lines.
 */
export function rawHttpStatus(port: number, request: string | Buffer, timeoutMs = 15_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const done = (status: number) => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms`));
    });
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      const line = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (line) done(Number(line[1]));
    });
    // The server may close (or reset) once it has answered, while the flood is still being written.
    socket.on("error", () => done(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on("end", () => done(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(request);
  });
}
