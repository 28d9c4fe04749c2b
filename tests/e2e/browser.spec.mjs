// Every browser suite, in one file so they run in this order on one worker against the server
// that global-setup.mjs started (its address in E2E_BASE).
import { browser } from './harness.mjs';
import { appTests } from './app.test.mjs';
import { schemaTests } from './schema.test.mjs';
import { trendTests } from './trends.test.mjs';
import { feedbackTests } from './feedback.test.mjs';
import { contextTests, kioskTests } from './contexts.test.mjs';
import { qualityTests } from './quality.test.mjs';
import { exportTests } from './export.test.mjs';
import { summaryTests } from './summary.test.mjs';
import { offlineTests } from './offline.test.mjs';
import { chunkTests } from './chunks.test.mjs';
import { publishingTests } from './publishing.test.mjs';

// Unset while Playwright lists the tests in its main process; set in the worker that runs them.
const base = process.env.E2E_BASE;
schemaTests();
appTests({ base, browser });
trendTests({ base, browser });
feedbackTests({ browser });
contextTests({ base, browser });
kioskTests({ browser });
qualityTests({ base, browser });
exportTests({ browser });
summaryTests({ browser });
offlineTests({ base, browser });
chunkTests({ base, browser });
publishingTests();
