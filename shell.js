// Runs before the first paint (a plain, blocking script: a few hundred bytes, no inline code for
// the Content-Security-Policy to allow). The static shell in index.html carries the home page's
// heading and introduction in Japanese, so they paint before the app has loaded; this shows them
// only where the app will show the same text: the home page, in Japanese, as a full page.
(function () {
  var q = new URLSearchParams(location.search);
  var lang = q.get('lang');
  try { lang = lang || localStorage.getItem('reform-widget:lang'); } catch (e) { /* storage blocked: the default */ }
  var home = location.pathname === '/' && !q.has('embed') && !q.has('mode') && (!lang || lang === 'ja');
  if (home) document.documentElement.classList.add('shell-home');
})();
