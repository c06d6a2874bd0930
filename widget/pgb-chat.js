/*
 * pgb-assistent chat widget: plain JavaScript, no dependencies, no build step.
 *
 *   <script src="https://api.example.nl/widget/pgb-chat.js" data-api-url="https://api.example.nl" defer></script>
 *
 * data-api-url is optional (default: the origin the script was loaded from); data-privacy-url
 * optionally links the privacy notice. The widget lives in a shadow root so the host site's CSS
 * cannot break it. Message text is only ever inserted as text nodes: never innerHTML.
 * The contract with the api is docs/conversation-api.md: the conversation id and its secret
 * (the token the api gives when the conversation starts) are kept in localStorage and sent in
 * headers or the WebSocket's first message, never in a URL.
 *
 * This file is the one script tag a site embeds. It reads that tag and imports the widget's
 * parts as ES modules next to it (pgb-chat-app.js with texts, rendering and the live
 * connection): browsers from 2020 on do that without any build step. The modules come from the
 * api's origin, so the api's CORS list (PGB_CORS_ORIGINS) must hold the site, as it must for
 * the chat requests themselves.
 */
(function () {
  "use strict";
  if (window.pgbChat || window.pgbChatStarting) return; // the tag was included twice
  window.pgbChatStarting = true;

  var script =
    document.currentScript || document.querySelector('script[src*="pgb-chat.js"]');
  var scriptUrl = new URL(script ? script.src : location.href, location.href);
  var config = {
    scriptUrl: scriptUrl.href,
    apiUrl: ((script && script.dataset.apiUrl) || scriptUrl.origin).replace(/\/+$/, ""),
    privacyUrl: (script && script.dataset.privacyUrl) || null,
  };
  import(new URL("pgb-chat-app.js", scriptUrl).href).then(function (app) {
    app.start(config);
  });
})();
