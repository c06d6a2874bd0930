/*
 * pgb-assistent chat widget: what it keeps in the browser. The conversation's id and secret
 * (localStorage, so the person can go on after closing the tab) and whether the panel was open
 * (sessionStorage, so it stays open while they move between pages). In memory when the browser
 * blocks storage.
 */
var KEY = "pgb-chat:conversation";
var TOKEN_KEY = "pgb-chat:token";
var OPEN_KEY = "pgb-chat:open";
var ID_RE = /^[0-9a-f]{32}$/;
var TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/;

var memory = {};

function get(area, key) {
  try {
    return window[area].getItem(key);
  } catch (e) {
    return memory[area + key] || null; // storage blocked (privacy settings)
  }
}

function set(area, key, value) {
  try {
    if (value == null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch (e) {
    memory[area + key] = value;
  }
}

// For the other parts' own keys (feedback given, a callback sent).
export var storage = { get: get, set: set };

// The kept conversation, or nulls. An id without its secret (kept by an older widget) is
// dropped: the api would not let us continue that conversation.
export function keptConversation() {
  var id = get("localStorage", KEY);
  var token = get("localStorage", TOKEN_KEY);
  if (id && ID_RE.test(id) && token && TOKEN_RE.test(token)) return { id: id, token: token };
  forgetConversation();
  return { id: null, token: null };
}

// The api gives the token only in the answer that starts a conversation.
export function keepConversation(id, token) {
  if (token) set("localStorage", TOKEN_KEY, token);
  set("localStorage", KEY, id);
}

export function forgetConversation() {
  set("localStorage", KEY, null);
  set("localStorage", TOKEN_KEY, null);
}

export function keepOpen(isOpen) {
  set("sessionStorage", OPEN_KEY, isOpen ? "1" : null);
}

export function wasOpen() {
  return Boolean(get("sessionStorage", OPEN_KEY));
}
