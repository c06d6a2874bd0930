/*
 * pgb-assistent chat widget: talking to the api. `makeRequest` does one HTTP request (JSON,
 * a timeout, no cookies); `createLive` keeps the live connection while a person is (about to
 * be) with a mantelzorgmakelaar: a WebSocket that reconnects with exponential backoff, and
 * polling of the history while it is down. The conversation's secret goes in the socket's
 * first message, never in a URL (docs/conversation-api.md).
 */

// The handoff states the api sends (api/models.py, State), spelt once for the widget.
export var STATE = { BOT: "bot", REQUESTED: "requested", WITH_ADVISOR: "with_advisor", CALLBACK: "callback" };
// States in which a person may write to us, so the widget listens live.
export var ACTIVE = {};
ACTIVE[STATE.REQUESTED] = ACTIVE[STATE.WITH_ADVISOR] = ACTIVE[STATE.CALLBACK] = true;
export var WITH_HUMAN = {}; // the bot is not asked then
WITH_HUMAN[STATE.REQUESTED] = WITH_HUMAN[STATE.WITH_ADVISOR] = true;
var REQUEST_TIMEOUT_MS = 45000;
var POLL_MS = 4000;

export function makeRequest(api) {
  return function request(method, path, body, extraHeaders) {
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    var headers = Object.assign({}, extraHeaders || {});
    if (body) headers["Content-Type"] = "application/json";
    return fetch(api + path, {
      method: method,
      headers: headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: controller ? controller.signal : undefined,
      credentials: "omit",
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { status: response.status, ok: response.ok, data: data }; },
          function () { return { status: response.status, ok: false, data: null }; }
        );
      })
      .then(function (result) {
        var detail = result.data && result.data.detail;
        result.detail = typeof detail === "string" ? detail : null;
        return result;
      })
      .finally(function () { clearTimeout(timer); });
  };
}

// Real-time messages while a person is (about to be) in the conversation: a WebSocket that
// reconnects with exponential backoff, and polling of the history while it is down.
// app: { api, conv, request, headers(), onMessages(list), onState(state, advisor), onGone() }
export function createLive(app) {
  var conv = app.conv;
  var live = {
    ws: null,
    timer: null,
    pollTimer: null,
    pingTimer: null,
    attempts: 0,
    healthy: false, // the socket has delivered an event since it opened
    stateEvents: 0, // state events from the socket, so an older fetched state does not win
    connect: function () {
      if (live.ws || live.timer || !conv.id || !("WebSocket" in window)) {
        if (!("WebSocket" in window)) live.poll();
        return;
      }
      var url = app.api.replace(/^http/, "ws") + "/api/conversation/ws";
      var auth = { type: "auth", conversation_id: conv.id, token: conv.token };
      var ws;
      try {
        ws = new WebSocket(url);
      } catch (e) {
        live.retry();
        return;
      }
      live.ws = ws;
      ws.onopen = function () {
        ws.send(JSON.stringify(auth)); // the secret goes in the first message, never in the URL
        live.fetchNew(); // catch up on what happened while we were away
        live.pingTimer = setInterval(function () {
          if (ws.readyState === 1) ws.send(JSON.stringify({ type: "ping" }));
        }, 25000);
      };
      ws.onmessage = function (event) {
        var data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        // The api sends the state first: only now is the socket known to work (a proxy may
        // accept and drop it at once), so only now stop polling and reset the backoff.
        live.attempts = 0;
        live.healthy = true;
        clearTimeout(live.pollTimer);
        live.pollTimer = null;
        if (data.type === "message" && data.message) app.onMessages([data.message]);
        else if (data.type === "state") {
          live.stateEvents += 1;
          app.onState(data.state, data.advisor);
        }
      };
      ws.onclose = function () {
        clearInterval(live.pingTimer);
        if (live.ws !== ws) return;
        live.ws = null;
        live.healthy = false;
        if (ACTIVE[conv.state]) {
          live.poll();
          live.retry();
        }
      };
    },
    retry: function () {
      // Jitter over half to one and a half times the backoff: after a restart (1012) not every
      // widget comes back at the same moment.
      var delay = Math.min(30000, 1000 * Math.pow(2, live.attempts)) * (0.5 + Math.random());
      live.attempts += 1;
      live.timer = setTimeout(function () {
        live.timer = null;
        if (ACTIVE[conv.state]) live.connect();
      }, delay);
    },
    poll: function () {
      if (live.pollTimer) return;
      var timer = (live.pollTimer = setTimeout(function () {
        live.fetchNew().then(function () {
          if (live.pollTimer !== timer) return; // stopped or replaced meanwhile
          live.pollTimer = null;
          if (ACTIVE[conv.state] && !live.healthy) live.poll();
        });
        // A callback can take a day: then there is no need to ask as often.
      }, WITH_HUMAN[conv.state] ? POLL_MS : POLL_MS * 5));
    },
    fetchNew: function () {
      var id = conv.id;
      if (!id) return Promise.resolve();
      var query = conv.lastId ? "?after=" + encodeURIComponent(conv.lastId) : "";
      var stateEvents = live.stateEvents;
      return app.request("GET", "/api/conversation/messages" + query, null, app.headers()).then(
        function (result) {
          if (conv.id !== id) return;
          if (result.status === 404) app.onGone(); // deleted (e.g. after the retention period)
          if (!result.ok) return;
          app.onMessages(result.data.messages);
          // A state the socket sent while this was on its way is newer than this answer's.
          if (live.stateEvents === stateEvents) app.onState(result.data.state, null);
        },
        function () {} // offline: the next poll or reconnect tries again
      );
    },
    stop: function () {
      clearTimeout(live.timer);
      clearTimeout(live.pollTimer);
      clearInterval(live.pingTimer);
      live.timer = live.pollTimer = null;
      live.attempts = 0;
      live.healthy = false;
      if (live.ws) {
        var ws = live.ws;
        live.ws = null;
        ws.close();
      }
    },
  };
  return live;
}
