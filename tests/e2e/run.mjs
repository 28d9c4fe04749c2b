// Runs every browser suite against the real widget-server (pages rendered on the server, the
// release build of the browser side in dist/), on 127.0.0.1.
// Prints `browser: N passed, N failed` and writes the counts for the overall summary.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { startServer, stop, workdir, freePort, staticWithFixtures } from './server-process.mjs';
import { launch, run } from './harness.mjs';
import { appTests } from './app.test.mjs';
import { schemaTests } from './schema.test.mjs';
import { trendTests } from './trends.test.mjs';
import { feedbackTests } from './feedback.test.mjs';
import { contextTests, kioskTests } from './contexts.test.mjs';
import { qualityTests } from './quality.test.mjs';
import { exportTests } from './export.test.mjs';
import { summaryTests } from './summary.test.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
if (!existsSync(ROOT + 'dist/pkg/reform_widget_bg.wasm')) {
  console.error('dist/ is missing: run `scripts/build-web.sh` first (scripts/test.sh does).');
  process.exit(2);
}
const port = freePort();
const server = await startServer({ port, dir: workdir(), staticDir: staticWithFixtures() });
const base = `http://127.0.0.1:${port}`;
const browser = await launch();
schemaTests();
appTests({ base, browser });
trendTests({ base, browser });
feedbackTests({ browser });
contextTests({ base, browser });
kioskTests({ browser });
qualityTests({ base, browser });
exportTests({ browser });
summaryTests({ browser });
const { passed, failed } = await run(process.argv[2] || '');
await browser.close();
await stop(server);
mkdirSync(ROOT + 'target/test-results', { recursive: true });
writeFileSync(ROOT + 'target/test-results/browser.json', JSON.stringify({ passed, failed }));
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
