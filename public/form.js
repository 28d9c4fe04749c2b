// The feedback form's script until the citizen begins to write (issue 36). The page is the
// server's form, complete without script (it posts to the server); read.js gives it the reading
// screens' conveniences. The app (its outbox, its checks as one types, its preview) costs more
// than everything else on the page, so it is downloaded only when it has work:
// - a field is focused or typed in: the citizen begins to write;
// - this device's outbox holds messages: they are shown and sent at once, as before;
// - the form is sent while the app is on its way, or with the network down: the submit waits for
//   the app, which previews it and keeps it in the outbox until it is delivered; offline with no
//   app to be had, the form itself is kept for the app, which sends it when it can.
// What is typed before the app takes over is put back into its fields, with the events they
// listen to, so nothing typed is lost whenever the app arrives.
import './read.js';

const root = document.documentElement;
const form = document.querySelector('form[data-outbox-key]');

/** What this device keeps under `key`, as JSON (`empty` when nothing); `null` when storage is
 * refused or what it holds cannot be read (the app finds nothing there either). */
function stored(key, empty) {
  try {
    return JSON.parse(localStorage.getItem(key) || empty);
  } catch {
    return null;
  }
}

/** Messages kept on this device that the app shows (a kiosk hides the previous person's). */
function waiting(key) {
  const items = stored(key, '{}')?.items;
  return Array.isArray(items) && items.some((item) => !item.hidden);
}

if (form) {
  const hydrated = () => root.dataset.hydrated === 'true';
  // What each field held as last typed before the app: text by name, a box or a choice checked.
  const typed = new Map();
  const remember = ({ target: f }) => {
    if (!f.name || f.type === 'hidden') return;
    if (f.type === 'radio') typed.set(`radio:${f.name}`, { name: f.name, value: f.value, radio: true });
    else if (f.type === 'checkbox') typed.set(f.name, { name: f.name, checked: f.checked, box: true });
    else typed.set(f.name, { name: f.name, value: f.value });
  };
  form.addEventListener('input', remember);
  form.addEventListener('change', remember);
  // Told to the app's fields (the same elements, which it may have set to its own values).
  const putBack = () => {
    form.removeEventListener('input', remember);
    form.removeEventListener('change', remember);
    for (const was of typed.values()) {
      const field = was.radio
        ? [...form.querySelectorAll('input[type="radio"]')].find((r) => r.name === was.name && r.value === was.value)
        : form.elements.namedItem(was.name);
      if (!field) continue;
      if (was.radio || was.box) {
        field.checked = was.radio ? true : was.checked;
        field.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        field.value = was.value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    typed.clear();
  };
  let app = null;
  let tries = 0;
  // The app was asked for and did not arrive: the network or the server is not there.
  let missed = false;
  // Offline, the app can only come from this device's copy (public/sw.js keeps it once used).
  const reachable = async () => {
    if (navigator.onLine) return true;
    try { return Boolean(await globalThis.caches?.match('/pkg/reform_widget_bg.wasm')); } catch { return false; }
  };
  const start = () => {
    app ??= reachable()
      .then((yes) => {
        if (!yes) throw new Error('offline, and the app is not on this device');
        root.dataset.appRequested = 'true';
        // A module that failed to load stays failed under its address: a new try asks anew.
        return import(tries++ ? `/boot.js?try=${tries}` : '/boot.js');
      })
      .then(
        () => { if (hydrated()) putBack(); },
        (error) => { app = null; missed = true; root.dataset.appMissed = 'true'; throw error; },
      );
    return app;
  };
  const begin = () => start().catch(() => {}); // a failure is met when the form is sent
  form.addEventListener('focusin', begin);
  form.addEventListener('input', begin);
  const status = form.querySelector('[data-queued-message]');
  // Offline, and the app could not arrive: the form is kept on this device as the server would
  // read it, and the app takes it into its outbox and sends it once the connection returns (or on
  // the next visit). The page then offers a fresh form, as the app does after sending.
  const keep = () => {
    const kept = stored(form.dataset.unsentKey, '[]');
    if (!Array.isArray(kept)) return; // nowhere to keep it: the form stays as typed
    kept.push([...new FormData(form)].filter(([, v]) => typeof v === 'string'));
    try {
      localStorage.setItem(form.dataset.unsentKey, JSON.stringify(kept));
    } catch {
      return; // storage full or refused: the form stays as typed
    }
    typed.clear();
    form.reset();
    // A new message gets a new key and private-link token (the rule of src/outbox.rs).
    if (crypto.randomUUID) {
      form.elements.namedItem('key').value = crypto.randomUUID();
      form.elements.namedItem('follow').value = (crypto.randomUUID() + crypto.randomUUID()).replaceAll('-', '');
    }
    if (status) status.textContent = status.dataset.queuedMessage;
    addEventListener('online', begin, { once: true });
    // The server may be what is down (the browser still online): ask again, less and less often.
    let wait = 2000;
    const again = () => setTimeout(() => start().catch(() => { wait = Math.min(wait * 2, 60000); again(); }), wait);
    if (!retrying) { retrying = true; again(); }
  };
  let retrying = false;
  // Whether the server answers at all (the app may have failed for another reason).
  const serverAnswers = () => fetch('/api/health', { cache: 'no-store' }).then((r) => r.ok, () => false);
  form.addEventListener('submit', (event) => {
    if (hydrated()) return; // the app's own handler has it
    // Online and nobody began to write (nothing focused): the server takes it, as without script.
    if (!app && !missed && navigator.onLine) return;
    event.preventDefault();
    form.setAttribute('aria-busy', 'true');
    const arrived = async (loaded) => {
      form.removeAttribute('aria-busy');
      if (hydrated()) form.requestSubmit(); // the app previews it
      // The app could not start, but the server is there: it takes the form, as without script.
      else if (navigator.onLine && (loaded || (await serverAnswers()))) form.submit();
      else keep();
    };
    start().then(() => arrived(true), () => arrived(false));
  });
  const unsent = () => stored(form.dataset.unsentKey, '[]')?.length > 0;
  // A language chosen while the app is on its way, after something was typed: the app switches in
  // place and keeps what was typed (a page load would not), so the click waits for it.
  for (const link of document.querySelectorAll('.lang-switch a')) {
    link.addEventListener('click', (event) => {
      if (hydrated() || !app || typed.size === 0) return;
      event.preventDefault();
      const go = () => (hydrated() ? link.click() : location.assign(link.href));
      app.then(go, go);
    });
  }
  if (waiting(form.dataset.outboxKey) || unsent()) begin();
}
