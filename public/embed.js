// Resizes an embedded widget iframe to fit its content. Paste-in snippet:
//   <iframe id="F" src="…/?embed=1&card=…" height="720"></iframe><script src="…/embed.js" data-frame="F" async></script>
// Only messages from the iframe's own window and origin are obeyed, and only a sane height.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var frame = document.getElementById(script.getAttribute('data-frame'));
  if (!frame) return;
  var origin = new URL(frame.src, location.href).origin;
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== 'reform-widget:height') return;
    var height = Number(data.height);
    if (height > 0 && height < 20000) frame.style.height = Math.ceil(height) + 'px';
  });
})();
