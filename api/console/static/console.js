// Shared helpers of the advisor console. Every piece of data is put on the page with
// textContent (never innerHTML), so whatever a person typed shows as text, not as markup.
"use strict";

const Console = (() => {
  let csrf = null;
  let me = null;

  async function api(path, options = {}) {
    const method = options.method || "GET";
    const headers = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status === 401 && !options.allow401) {
      window.location.assign("/console/login");
      throw new Error("Niet ingelogd.");
    }
    const type = response.headers.get("content-type") || "";
    let data = null;
    if (response.status !== 204) {
      data = type.includes("json") ? await response.json() : await response.text();
    }
    if (!response.ok) {
      const error = new Error((data && data.detail) || "Er ging iets mis. Probeer het opnieuw.");
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // el("p", {class: "x"}, "text", otherNode): a new element; strings become text nodes.
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value === true) node.setAttribute(name, "");
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function say(message, isError = false) {
    const status = document.getElementById("status");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  function time(iso) {
    if (!iso) return "";
    return new Date(iso).toLocaleString("nl-NL", {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    });
  }

  function waited(seconds) {
    if (seconds === null || seconds === undefined) return "";
    const minutes = Math.floor(seconds / 60);
    if (minutes < 1) return "minder dan 1 minuut";
    if (minutes < 60) return `${minutes} min`;
    return `${Math.floor(minutes / 60)} uur ${minutes % 60} min`;
  }

  // The handoff states the api sends (api/models.py, State), spelt once for the console.
  const STATE = { BOT: "bot", REQUESTED: "requested", WITH_ADVISOR: "with_advisor", CALLBACK: "callback" };
  const STATES = {
    bot: "bij de bot",
    requested: "wacht op een adviseur",
    with_advisor: "bij een adviseur",
    closed: "afgesloten",
    callback: "terugbelverzoek",
  };
  const REASONS = {
    user_request: "vroeg om een mens",
    distress: "heeft het zwaar",
    danger: "acuut gevaar of mishandeling",
    not_understood: "bot begreep het niet",
    complex_case: "ingewikkelde situatie",
    calculation: "wil een berekening",
    reclaim: "terugvordering of fraude",
    employment: "ontslag of conflict",
    representation: "vertegenwoordiging of bewind",
    documents: "wil gegevens of formulieren sturen",
    job_change: "wil stoppen met werken",
    doubt: "twijfelt of een pgb past",
    life_event: "overlijden of opname",
    family_pay: "familie betalen",
    amount_unknown: "bedrag niet bekend",
    frustrated: "ontevreden over de bot",
    exhaustion: "overbelast",
    bot_unavailable: "bot werkte niet",
  };
  const SENDERS = { user: "Persoon", bot: "Bot", advisor: "Adviseur", system: "Systeem" };
  const ROLES = { advisor: "adviseur", admin: "beheerder" };

  async function start() {
    me = await api("/api/advisor/me");
    csrf = me.csrf_token;
    const who = document.getElementById("who");
    if (who) who.textContent = `${me.name} (${ROLES[me.role] || me.role})`;
    // Links to admin pages show only for admins; the api refuses everyone else anyway.
    for (const link of document.querySelectorAll("[data-admin-only]")) link.hidden = me.role !== "admin";
    for (const link of document.querySelectorAll("header.top nav a")) {
      if (link.pathname === window.location.pathname) link.setAttribute("aria-current", "page");
    }
    const logout = document.getElementById("logout");
    if (logout) {
      logout.addEventListener("click", async () => {
        await api("/api/advisor/logout", { method: "POST" });
        window.location.assign("/console/login");
      });
    }
    return me;
  }

  function socketUrl(path) {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${window.location.host}${path}`;
  }

  return { api, el, say, time, waited, start, socketUrl, STATE, STATES, REASONS, SENDERS, ROLES };
})();
