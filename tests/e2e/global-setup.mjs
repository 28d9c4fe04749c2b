// Before the browser suites: the built widget must be there (the `server` fixture serves it).
import { existsSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;

export default async function globalSetup() {
  if (!existsSync(ROOT + 'dist/pkg/reform_widget_bg.wasm')) {
    throw new Error('dist/ is missing: run `scripts/build-web.sh` first (scripts/test.sh does).');
  }
}
