/*
 * pgb-assistent chat widget, the app: the panel, the conversation and its lifecycle. Started by
 * pgb-chat.js (the one script tag) with what that tag says; its parts are pgb-chat-texts.js,
 * pgb-chat-render.js, pgb-chat-live.js, pgb-chat-feedback.js and pgb-chat-store.js, and
 * pgb-chat-callback.js outside office hours.
 */
import { T } from "./pgb-chat-texts.js";
import { el, icon, nextId, renderText, safeHref, srOnly } from "./pgb-chat-render.js";
import { ACTIVE, STATE, WITH_HUMAN, createLive, makeRequest } from "./pgb-chat-live.js";
import { createFeedback } from "./pgb-chat-feedback.js";
import { createSender } from "./pgb-chat-send.js";
import {
  forgetConversation,
  keepConversation,
  keepOpen,
  keptConversation,
  storage,
  wasOpen,
} from "./pgb-chat-store.js";

// config: { scriptUrl, apiUrl, privacyUrl } from the script tag (see pgb-chat.js).
export function start(config) {
  var scriptUrl = new URL(config.scriptUrl);
  var API = config.apiUrl;
  var PRIVACY_URL = config.privacyUrl;
  var request = makeRequest(API);

  // ---------- state ----------

  var conv = {
    id: null,
    token: null, // the conversation's secret: with the id, the person's only credential
    state: STATE.BOT,
    advisor: null,
    lastId: 0, // highest message id seen, for ?after= and de-duplication
    seen: {},
    restored: false,
    generation: 0, // bumped by "Nieuw gesprek": late answers for the old conversation are dropped
  };
  var restoring = Promise.resolve();
  var welcomeNode = null;
  var kept = keptConversation(); // nothing kept: a new one starts when the person writes
  conv.id = kept.id;
  conv.token = kept.token;

  // The api gives the token only in the answer that starts a conversation.
  function remember(id, token) {
    if (token) conv.token = token;
    conv.id = id;
    keepConversation(id, token);
  }

  // How the person's requests name their conversation (docs/conversation-api.md).
  function conversationHeaders() {
    return { "X-Conversation-Id": conv.id, "X-Conversation-Token": conv.token };
  }

  // ---------- DOM ----------

  var host = el("aside");
  host.setAttribute("aria-label", "Chat met de pgb-assistent");
  host.setAttribute("data-pgb-chat", "");
  host.hidden = true; // until the stylesheet is in, so the widget never flashes unstyled
  var root = host.attachShadow({ mode: "open" });

  var ready = new Promise(function (resolve) {
    var sheet = el("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("pgb-chat.css", scriptUrl).href;
    sheet.onload = sheet.onerror = resolve;
    root.append(sheet);
  });

  var launcher = el("button", "pgb-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "pgb-panel");
  launcher.append(
    icon(24, "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm0 2v11h2v2l2.5-2H20V5H4zm3 4h10v2H7V9z")
  );
  var launcherLabel = el("span", "pgb-launcher-label", T.launcher);
  var launcherSr = srOnly(T.launcherSr);
  var badge = el("span", "pgb-badge");
  badge.hidden = true;
  launcher.append(launcherLabel, launcherSr, badge);

  var panel = el("section", "pgb-panel");
  panel.id = "pgb-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "pgb-title");

  var header = el("header", "pgb-header");
  var heading = el("div", "pgb-heading");
  var title = el("h2", "pgb-title", T.title);
  title.id = "pgb-title";
  var status = el("p", "pgb-status", T.subtitle);
  heading.append(title, status);
  var newButton = el("button", "pgb-new", T.newConversation);
  newButton.type = "button";
  var closeButton = el("button", "pgb-close");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", T.close);
  closeButton.append(
    icon(20, "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z")
  );
  header.append(heading, newButton, closeButton);

  var log = el("div", "pgb-log");
  log.setAttribute("role", "region");
  log.setAttribute("aria-label", T.log);
  log.tabIndex = 0; // a scrollable region must be reachable by keyboard

  var typing = el("div", "pgb-typing");
  typing.hidden = true;
  var dots = el("span", "pgb-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("i"), el("i"), el("i"));
  typing.append(dots);
  typing.append(srOnly(T.typing));

  var form = el("form", "pgb-form");
  var inputId = nextId("input");
  var inputLabel = el("label", "pgb-sr", T.inputLabel);
  inputLabel.htmlFor = inputId;
  var input = el("textarea", "pgb-input");
  input.id = inputId;
  input.rows = 1;
  input.placeholder = T.placeholder;
  input.autocomplete = "off";
  var sendButton = el("button", "pgb-send", T.send);
  sendButton.type = "submit";
  form.append(inputLabel, input, sendButton);

  panel.append(header, log, typing, form);

  // Outside the panel, so advisor messages are announced even while the panel is closed.
  var announcer = el("div", "pgb-sr");
  announcer.setAttribute("aria-live", "polite");
  var alerter = el("div", "pgb-sr");
  alerter.setAttribute("role", "alert");
  root.append(launcher, panel, announcer, alerter);

  function announce(text, urgent) {
    var region = urgent ? alerter : announcer;
    region.append(el("p", null, text));
    while (region.childNodes.length > 3) region.firstChild.remove();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
    // With very little height (400 % zoom) the whole panel scrolls instead of the log.
    if (getComputedStyle(panel).overflowY === "auto") panel.scrollTop = panel.scrollHeight;
  }

  // ---------- messages ----------

  function welcome() {
    var item = el("div", "pgb-msg pgb-msg-bot pgb-welcome");
    item.append(srOnly(T.who.bot + ": "));
    var bubble = el("div", "pgb-bubble");
    bubble.append(el("p", null, T.welcome));
    var privacy = el("p", "pgb-privacy", T.privacy + " ");
    var privacyHref = PRIVACY_URL && safeHref(new URL(PRIVACY_URL, location.href).href);
    if (privacyHref) {
      var link = el("a", null, T.privacyLink);
      link.href = privacyHref;
      privacy.append(link);
    }
    bubble.append(privacy);
    item.append(bubble);
    log.append(item);
    welcomeNode = item;
  }

  function addNote(text, className) {
    var note = el("p", "pgb-note " + (className || ""), text);
    log.append(note);
    scrollDown();
    return note;
  }

  function senderName(sender) {
    if (sender === "advisor" && conv.advisor) return conv.advisor + ", " + T.who.advisor.toLowerCase();
    return T.who[sender] || T.who.bot;
  }

  function addUserBubble(text) {
    var item = el("div", "pgb-msg pgb-msg-user");
    item.append(srOnly(T.who.user + ": "));
    item.append(el("div", "pgb-bubble", text));
    log.append(item);
    scrollDown();
    return item;
  }

  function removeButtons() {
    var groups = log.querySelectorAll(".pgb-buttons");
    var hadFocus = groups.length && root.activeElement && root.activeElement.closest(".pgb-buttons");
    groups.forEach(function (group) { group.remove(); });
    if (hadFocus) input.focus();
  }

  function renderButtons(buttons) {
    var group = el("div", "pgb-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.options);
    buttons.forEach(function (choice) {
      var button = el("button", "pgb-choice", choice.title || choice.payload);
      button.type = "button";
      button.addEventListener("click", function () {
        send(choice.payload, choice.title || choice.payload);
      });
      group.append(button);
    });
    return group;
  }

  // Render one message from the api; returns false when there was nothing to show.
  function renderMessage(message, options) {
    options = options || {};
    if (message.id != null) {
      if (conv.seen[message.id]) return false;
      conv.seen[message.id] = true;
      if (message.id > conv.lastId) conv.lastId = message.id;
    }
    var custom = message.custom || {};
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    var showForm = custom.callback_form === true;
    // {"handoff": ...} and other custom payloads are for the api: show only text and buttons.
    if (!message.text && !buttons.length && !showForm) return false;
    if (message.sender === "user") {
      addUserBubble(message.text || "");
      return true;
    }
    var sender = T.who[message.sender] ? message.sender : "bot";
    var item = el("div", "pgb-msg pgb-msg-" + sender);
    var name = senderName(sender);
    if (sender === "advisor") item.append(el("p", "pgb-from", name));
    else item.append(srOnly(name + ": "));
    var bubble = null;
    if (message.text) {
      bubble = el("div", "pgb-bubble");
      bubble.append(renderText(message.text));
      item.append(bubble);
    }
    if (buttons.length) item.append(renderButtons(buttons));
    if (showForm) item.append(callbackForm(custom));
    var question = message.feedback === true && message.id != null ? feedback.ask(message.id) : null;
    if (question) item.append(question);
    log.append(item);
    if (options.announce && bubble) {
      announce(name + ": " + bubble.textContent + (question ? " " + T.feedbackAsk : ""));
      if (panel.hidden) setUnread(true);
    }
    scrollDown();
    return true;
  }

  // After a reload only the last message keeps its quick replies, and a callback form only
  // comes back if the person has not written since it was offered.
  function pruneHistory() {
    var last = log.lastElementChild;
    log.querySelectorAll(".pgb-buttons").forEach(function (group) {
      if (group.parentNode !== last) group.remove();
    });
    // Of the questions "did this help?" only the latest unanswered one comes back.
    var asked = log.querySelectorAll(".pgb-feedback");
    for (var i = 0; i < asked.length - 1; i += 1) asked[i].remove();
    var users = log.querySelectorAll(".pgb-msg-user");
    var lastUser = users[users.length - 1];
    log.querySelectorAll(".pgb-callback").forEach(function (box) {
      if (lastUser && box.compareDocumentPosition(lastUser) & Node.DOCUMENT_POSITION_FOLLOWING) {
        box.remove();
      }
    });
  }

  // ---------- handoff state ----------

  // Who joined or left is told by the api's own system messages (the one source of those
  // texts); a state change only updates the status line and the live connection.
  function setState(state, advisor) {
    if (!state) return;
    if (advisor) conv.advisor = advisor;
    conv.state = state;
    if (!WITH_HUMAN[state]) conv.advisor = null;
    status.textContent =
      state === STATE.REQUESTED
        ? T.waiting
        : state === STATE.WITH_ADVISOR
          ? T.withAdvisor(conv.advisor)
          : T.subtitle;
    if (ACTIVE[state]) live.connect();
    else live.stop();
  }

  function handleIncoming(messages, announceThem) {
    (messages || []).forEach(function (message) {
      // Our own messages are already on screen; the api never returns their ids to us.
      if (message.sender !== "user") renderMessage(message, { announce: announceThem });
    });
  }

  var live = createLive({
    api: API,
    conv: conv,
    request: request,
    headers: conversationHeaders,
    onMessages: function (messages) { handleIncoming(messages, true); },
    onState: setState,
    onGone: function () { forget(); },
  });

  var feedback = createFeedback({
    request: request,
    headers: conversationHeaders,
    storage: storage,
    announce: function (text) { announce(text); },
    focusInput: function () { input.focus(); },
  });

  // ---------- sending (pgb-chat-send.js) ----------

  var sender = createSender({
    conv: conv,
    request: request,
    log: log,
    typing: typing,
    input: input,
    whenRestored: function () { return restoring; },
    addUserBubble: addUserBubble,
    removeButtons: removeButtons,
    handleIncoming: handleIncoming,
    setState: setState,
    remember: remember,
    forget: function () { forget(); },
    announce: announce,
    scrollDown: scrollDown,
  });
  var send = sender.send;

  // ---------- callback form (outside office hours) ----------
  // Only needed outside office hours, so it lives in pgb-chat-callback.js, loaded the first time.

  var callbackModule = null;
  function loadCallbackModule() {
    if (!callbackModule) {
      callbackModule = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL("pgb-chat-callback.js", scriptUrl).href;
        tag.onload = function () {
          if (window.pgbChatCallbackForm) resolve(window.pgbChatCallbackForm);
          else reject(new Error("no callback form"));
        };
        tag.onerror = function () {
          callbackModule = null; // try again next time
          reject(new Error("callback form not loaded"));
        };
        document.head.append(tag);
      });
    }
    return callbackModule;
  }

  // What the callback form may use of the widget.
  var formApp = {
    T: T,
    el: el,
    nextId: nextId,
    storage: storage,
    request: request,
    announce: announce,
    setState: setState,
    fetchNew: function () { live.fetchNew(); },
    conversationId: function () { return conv.id; },
    conversationHeaders: conversationHeaders,
  };

  function callbackForm(custom) {
    var box = el("div", "pgb-callback");
    loadCallbackModule().then(
      function (fill) { fill(formApp, box, custom); },
      function () {
        box.append(el("p", "pgb-field-error", T.cbUnavailable));
        announce(T.cbUnavailable, true);
      }
    );
    return box;
  }

  // ---------- conversation lifecycle ----------

  function clearLog() {
    log.replaceChildren();
    conv.seen = {};
    conv.lastId = 0;
    welcome();
  }

  function forget() {
    live.stop();
    conv.generation += 1;
    conv.id = null;
    conv.token = null;
    forgetConversation();
    setState(STATE.BOT, null);
  }

  function restore() {
    if (!conv.id || conv.restored) return restoring;
    var generation = conv.generation;
    conv.restored = true;
    restoring = request("GET", "/api/conversation/messages", null, conversationHeaders()).then(
      function (result) {
        if (conv.generation !== generation) return;
        if (result.status === 404 || result.status === 405) {
          forget(); // unknown conversation, or an api without history yet: start fresh
          return;
        }
        if (!result.ok) {
          conv.restored = false;
          return;
        }
        // History goes right after the welcome, before anything shown meanwhile.
        var meanwhile = [];
        while (welcomeNode.nextSibling) meanwhile.push(log.removeChild(welcomeNode.nextSibling));
        (result.data.messages || []).forEach(function (message) {
          renderMessage(message);
        });
        pruneHistory();
        log.append.apply(log, meanwhile);
        setState(result.data.state, null);
        scrollDown();
      },
      function () {
        conv.restored = false; // api unreachable: try again when the panel is opened
      }
    );
    return restoring;
  }

  function newConversation() {
    forget();
    conv.restored = true;
    sender.reset();
    typing.hidden = true;
    clearLog();
    addNote(T.newStarted);
    announce(T.newStarted);
    input.focus();
  }

  // ---------- opening and closing ----------

  function setUnread(on) {
    badge.hidden = !on;
    launcherSr.textContent = T.launcherSr + (on ? T.unread : "");
  }

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    keepOpen(true);
    setUnread(false);
    restore();
    scrollDown();
    if (focus !== false) input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    keepOpen(false);
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open();
    else close();
  });
  closeButton.addEventListener("click", close);
  newButton.addEventListener("click", newConversation);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) {
      input.focus();
      return;
    }
    input.value = "";
    resize();
    send(text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  function resize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 160) + "px";
  }
  input.addEventListener("input", resize);

  welcome();

  function mount() {
    document.body.append(host);
    ready.then(function () {
      host.hidden = false;
      if (wasOpen()) open(false); // navigation within the site
      else restore();
    });
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.pgbChat = {
    open: function () { open(); },
    close: close,
    newConversation: newConversation,
  };
}
