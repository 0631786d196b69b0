/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The desktop shell loads the built files from ui/dist; nothing is fetched from a network.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  test: { environment: "jsdom", include: ["tests/**/*.test.ts"] },
});
