import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

/** The gateway's API prefixes: `npm run dev -w apps/web` proxies them to the gateway on 8000. */
const api = ["/auth", "/imports", "/collection", "/catalog", "/health", "/ready", "/openapi.json"];
const target = process.env.GATEWAY_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [vue()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
  server: { proxy: Object.fromEntries(api.map((p) => [p, { target, changeOrigin: false }])) },
});
