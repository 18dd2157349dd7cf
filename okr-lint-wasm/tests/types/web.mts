// The browser build: init() first, then the same API.
import init, { initSync, lint, type Diagnostic, type InitOutput } from "okr-lint/web";

export async function start(url: URL): Promise<Diagnostic[]> {
  const out: InitOutput = await init({ module_or_path: url });
  console.log(out.memory);
  return lint("## Objective: Cut churn\n");
}

export function startSync(bytes: ArrayBuffer): void {
  initSync({ module: bytes });
}

// @ts-expect-error the web build has the same typed API
lint("", { slect: [] });
