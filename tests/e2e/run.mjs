// Runs every browser suite against the release build in dist/, served on 127.0.0.1.
// Prints `browser: N passed, N failed` and writes the counts for the overall summary.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { serve } from './static-server.mjs';
import { launch, run } from './harness.mjs';
import { appTests } from './app.test.mjs';
import { schemaTests } from './schema.test.mjs';
import { trendTests } from './trends.test.mjs';
import { feedbackTests } from './feedback.test.mjs';
import { contextTests, kioskTests } from './contexts.test.mjs';
import { qualityTests } from './quality.test.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
if (!existsSync(ROOT + 'dist/index.html')) {
  console.error('dist/ is missing: run `trunk build --release` first (scripts/test.sh does).');
  process.exit(2);
}
const server = await serve(ROOT + 'dist', 0, { extraRoots: { '/fixtures/': ROOT + 'tests/fixtures' } });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
schemaTests();
appTests({ base, browser });
trendTests({ base, browser });
feedbackTests({ browser });
contextTests({ base, browser });
kioskTests({ browser });
qualityTests({ base, browser });
const { passed, failed } = await run(process.argv[2] || '');
await browser.close();
server.close();
mkdirSync(ROOT + 'target/test-results', { recursive: true });
writeFileSync(ROOT + 'target/test-results/browser.json', JSON.stringify({ passed, failed }));
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
