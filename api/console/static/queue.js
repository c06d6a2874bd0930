"use strict";

const { api, el, say, time, waited, STATE, REASONS } = Console;
let shown = "";
let items = [];
let loadedAt = Date.now();
let attempts = 0;
const TICK_MS = 15000;

function link(id, label) {
  return el("a", { href: `/console/conversation?id=${encodeURIComponent(id)}` }, label);
}

function summary(item) {
  const slots = Object.entries(item.slots || {});
  return el("div", {},
    el("p", {}, el("strong", {}, "Reden: "), REASONS[item.handoff_reason] || item.handoff_reason || "–"),
    el("p", {}, el("strong", {}, "Vroeg: ")),
    el("ul", {}, item.asked.map((text) => el("li", { class: "text" }, text))),
    slots.length ? el("p", {}, el("strong", {}, "Antwoorden in de checks: "),
      slots.map(([name, value]) => `${name}: ${value}`).join("; ")) : null,
    item.bot_replies.length ? el("p", {}, el("strong", {}, "Laatste antwoorden van de bot:")) : null,
    el("ul", {}, item.bot_replies.map((text) => el("li", { class: "text" }, text))),
  );
}

async function claim(id) {
  try {
    await api(`/api/advisor/conversations/${id}/claim`, { method: "POST" });
    window.location.assign(`/console/conversation?id=${encodeURIComponent(id)}`);
  } catch (error) {
    say(error.message, true);
    refresh(true);
  }
}

async function handled(id) {
  try {
    await api(`/api/advisor/conversations/${id}/close`, { method: "POST" });
    say("Het terugbelverzoek is afgehandeld.");
    refresh(true);
  } catch (error) {
    say(error.message, true);
  }
}

function render(items) {
  const waiting = items.filter((i) => i.state === STATE.REQUESTED);
  const active = items.filter((i) => i.state === STATE.WITH_ADVISOR);
  const callbacks = items.filter((i) => i.state === STATE.CALLBACK);
  document.getElementById("waiting").replaceChildren(
    waiting.length ? el("div", {}, waiting.map((item) => el("article", { class: "card", "data-id": item.id },
      el("h3", {}, `Wacht ${waited(item.waiting_seconds)}`),
      summary(item),
      el("button", { type: "button", onclick: () => claim(item.id) }, "Overnemen"), " ",
      link(item.id, "Bekijken"),
    ))) : el("p", { class: "muted" }, "Niemand wacht op dit moment."));
  document.getElementById("active").replaceChildren(
    active.length ? el("ul", {}, active.map((item) => el("li", {},
      link(item.id, item.mine ? "Mijn gesprek openen" : "Bekijken"),
      ` – ${item.advisor || ""}`, item.asked.length ? ` – “${item.asked[0]}”` : ""))) :
      el("p", { class: "muted" }, "Geen lopende gesprekken."));
  document.getElementById("callbacks").replaceChildren(
    callbacks.length ? el("div", {}, callbacks.map((item) => el("article", { class: "card" },
      item.callbacks.map((c) => el("p", {},
        el("strong", {}, c.name), ` – telefoon: ${c.phone || "–"}, e-mail: ${c.email || "–"}`,
        el("br"), `Liefst: ${c.preferred_moment || "geen voorkeur"} (gevraagd ${time(c.created_at)})`)),
      summary(item),
      el("button", { type: "button", onclick: () => handled(item.id) }, "Afgehandeld"), " ",
      link(item.id, "Bekijken"),
    ))) : el("p", { class: "muted" }, "Geen terugbelverzoeken."));
}

// How long each person has waited, counted on from the last load without asking the api.
function tick() {
  const since = Math.floor((Date.now() - loadedAt) / 1000);
  for (const card of document.querySelectorAll("#waiting article")) {
    const item = items.find((i) => i.id === card.dataset.id);
    if (item) card.querySelector("h3").textContent = `Wacht ${waited(item.waiting_seconds + since)}`;
  }
}

async function refresh(force = false) {
  try {
    items = await api("/api/advisor/queue");
    loadedAt = Date.now();
    const now = JSON.stringify(items.map((i) => [i.id, i.state, i.asked, i.callbacks.length]));
    // Re-render only when something changed, so keyboard focus is not lost.
    if (force || now !== shown) {
      shown = now;
      render(items);
    } else {
      tick();
    }
  } catch (error) {
    say(error.message, true);
  }
}

// The api says when the queue changed (a new handoff, a claim, a callback, a message while
// waiting); only then is it loaded again. The first event on every (re)connect loads it too,
// so nothing missed while the socket was down stays unseen.
function listen() {
  const socket = new WebSocket(Console.socketUrl("/api/advisor/queue/ws"));
  socket.addEventListener("message", () => {
    attempts = 0;
    refresh();
  });
  // Backoff with jitter: after a restart (1012) not every console comes back at once.
  socket.addEventListener("close", () => {
    const delay = Math.min(30000, 1000 * 2 ** attempts) * (0.5 + Math.random());
    attempts += 1;
    setTimeout(listen, delay);
  });
}

Console.start().then(() => {
  refresh(true);
  listen();
  setInterval(tick, TICK_MS);
});
