// A live game's page without its meta refresh (that is in <noscript>): ask about once a second
// whether the game moved (a 304 of a few bytes while it has not) and reload only when it has.
// Offline, ask less and less often, and again as soon as the phone is back online. Plain ES5
// and XMLHttpRequest, so the oldest phones that run scripts run it too.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var ask = me.getAttribute("data-ask");
  var tag = me.getAttribute("data-tag");
  var page = me.getAttribute("data-page");
  var wait = 1000;
  var timer = 0;
  var busy = false;

  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  function poll() {
    // Not while offline or out of sight: the online and visibility events ask again.
    if (busy || navigator.onLine === false || document.hidden) return;
    busy = true;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", ask);
    xhr.setRequestHeader("If-None-Match", '"' + tag + '"');
    xhr.timeout = 10000;
    xhr.onloadend = function () {
      busy = false;
      if (xhr.status === 200) {
        location.replace(page);  // never a reload: after a refused answer that would post again
        return;
      }
      // Anything but a 304 (no connection, the server busy): wait twice as long, up to 30 s.
      wait = xhr.status === 304 ? 1000 : Math.min(wait * 2, 30000);
      later(wait);
    };
    xhr.send();
  }

  function again() {
    wait = 1000;
    later(0);
  }

  addEventListener("online", again);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) again();
  });
  later(wait);
})();
