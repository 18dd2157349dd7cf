import { defineConfig } from "vite";

// `npm run build` writes dist/: static files any server can host (relative
// URLs, so it also works from a sub-directory).
export default defineConfig({
  base: "./",
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    reportCompressedSize: false,
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
