// The only script of a reading screen (home, plan, results, indicators, counter, konbini, staff),
// and the feedback form's until its app starts (public/form.js):
// the page is complete as the server sends it, links and forms work without script, and no app
// starts (docs/decisions.md, issue 21). This adds the few conveniences that need script, in
// plain JavaScript: the banner on a page served from this device, focus kept on the as-of
// picker, the embed snippet's copy button, chart tables open for print, a move to a newer
// publication, and the service worker.
const root = document.documentElement;

// A page the service worker served from this device's copy (it marks <html>): say so.
if (root.hasAttribute('data-offline-copy')) {
  for (const note of document.querySelectorAll('[data-offline-note]')) note.hidden = false;
}

// Session storage may be refused (a private mode, a locked-down browser): then the conveniences
// that need it are skipped, and nothing else.
const session = {
  get: (k) => { try { return sessionStorage.getItem(k); } catch { return null; } },
  set: (k, v) => { try { sessionStorage.setItem(k, v); return true; } catch { return false; } },
  remove: (k) => { try { sessionStorage.removeItem(k); } catch { /* nothing kept */ } },
};

// The as-of picker is a GET form: after it loads the chosen date, focus is where the reader left it.
const PICKED = 'reform-widget:picked';
for (const form of document.querySelectorAll('form.history__pick')) {
  form.addEventListener('submit', () => session.set(PICKED, '1'));
}
if (session.get(PICKED)) {
  session.remove(PICKED);
  document.getElementById('asof')?.focus();
}

// 「コピー」 beside an embed snippet: the snippet it names, to the clipboard.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const snippet = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector('[data-copy-status]');
    try {
      await navigator.clipboard.writeText(snippet.textContent);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is selected to copy by hand.
      getSelection().selectAllChildren(snippet);
    }
  });
}

// Every chart's table opens for print and closes after, as the app does.
addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details.chart__table:not([open])')) {
    d.open = true;
    d.dataset.openedForPrint = '';
  }
});
addEventListener('afterprint', () => {
  for (const d of document.querySelectorAll('details[data-opened-for-print]')) {
    d.open = false;
    delete d.dataset.openedForPrint;
  }
});

// A page showing the latest publication (it names it) that is older than the manifest, e.g. one
// kept by the browser: the server renders the new figures, once per publication. The manifest is
// small, and the browser asks it with If-None-Match.
const shown = document.querySelector('meta[name="reform-widget:snapshot"]')?.content;
// Never over what a reader has begun to type (the feedback form runs this script too).
let typing = false;
addEventListener('input', () => { typing = true; }, { capture: true, once: true });
if (shown && !root.hasAttribute('data-offline-copy')) {
  fetch('/data/index.json', { cache: 'no-cache' })
    .then((r) => (r.ok ? r.json() : null))
    .then((manifest) => {
      const MOVED = 'reform-widget:moved-to';
      const latest = manifest && manifest.latest;
      if (typing || !latest || latest === shown || !manifest.snapshots.some((s) => s.id === latest)) return;
      // Once per publication, and only where it can be remembered (no reload loop).
      if (session.get(MOVED) === latest || !session.set(MOVED, latest)) return;
      location.reload();
    })
    .catch(() => {});
}

// Repeat visits and offline reloads (public/sw.js): the pages read here are kept on the device.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/sw.js', { updateViaCache: 'none' }).catch(() => {});
}

// For tests and benchmarks: the page's script has run.
root.dataset.readerReady = 'true';
