// An embedded card (`?embed=1&card=…`) is complete as the server sends it: its chart, table,
// downloads and links need no app. This is its only script: it tells the host page how tall
// the card is, whenever that changes (public/embed.js on the host sizes the frame from it).
// The height is where `main` ends plus the page's bottom margin, not the document's scroll
// height, which is never less than the frame's: a frame that starts taller than its card could
// then never shrink to fit it. The message holds nothing but the height, so any parent may read
// it; the host's script checks our origin.
const main = document.getElementById('main');
if (main && window.parent !== window) {
  const report = () => {
    const margin = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
    const height = Math.ceil(main.getBoundingClientRect().bottom + window.scrollY + margin);
    window.parent.postMessage({ type: 'reform-widget:height', height }, '*');
  };
  new ResizeObserver(report).observe(main);
}
// For tests and benchmarks: the card's script is running.
document.documentElement.dataset.cardReady = 'true';
