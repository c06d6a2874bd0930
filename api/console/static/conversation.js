"use strict";

const { api, el, say, time, STATE, STATES, REASONS, SENDERS } = Console;
const id = new URLSearchParams(window.location.search).get("id") || "";
const base = `/api/advisor/conversations/${encodeURIComponent(id)}`;
let me = null;
let detail = null;

function confidence(message) {
  if (message.sender !== "user") return "";
  const sure = message.confidence === null ? "?" : `${Math.round(message.confidence * 100)}%`;
  const actions = message.actions && message.actions.length ? ` · acties: ${message.actions.join(", ")}` : "";
  return ` · intent: ${message.intent || "onbekend"} (${sure})${actions}`;
}

function correctionForm(message) {
  const forUser = message.sender === "user";
  const kind = el("select", { name: "kind", "aria-label": "Soort correctie" },
    forUser ? [el("option", { value: "intent" }, "Juiste intent"),
      el("option", { value: "new_intent" }, "Nieuwe intent nodig")]
      : el("option", { value: "incorrect_advice" }, "Onjuist advies"));
  const intent = el("input", { name: "intent", list: "intents", maxlength: 100, "aria-label": "Juiste intent" });
  const note = el("textarea", { name: "note", maxlength: 5000, "aria-label": "Toelichting" });
  const form = el("form", { class: "correction" }, kind, " ",
    forUser ? el("label", {}, "Intent ", intent) : null,
    el("label", {}, forUser ? "Toelichting (mag leeg)" : "Wat klopt er niet?"), note,
    el("button", { type: "submit" }, "Correctie opslaan"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const saved = await api(`/api/advisor/messages/${message.id}/corrections`, {
        method: "POST",
        body: { kind: kind.value, intent: intent.value || null, note: note.value || null },
      });
      say("De correctie is opgeslagen.");
      detail.corrections.push(saved);
      renderTimeline();
    } catch (error) {
      say(error.message, true);
    }
  });
  return el("details", {}, el("summary", {}, forUser ? "Intent corrigeren" : "Onjuist advies melden"), form);
}

// A {"handoff": ...} payload is no longer stored as a message; conversations from before that
// may still have one, shown as a short note.
function item(message) {
  const done = (detail ? detail.corrections : []).filter((c) => c.message_id === message.id);
  return el("li", { class: message.sender, "data-id": message.id },
    el("div", { class: "meta" }, `${SENDERS[message.sender] || message.sender} · ${time(message.created_at)}${confidence(message)}`),
    el("div", { class: "text" }, message.text || (message.custom && message.custom.handoff ? "(vraagt een mantelzorgmakelaar)" : message.custom ? JSON.stringify(message.custom) : "")),
    message.buttons && message.buttons.length ? el("div", { class: "meta" }, `Knoppen: ${message.buttons.map((b) => b.title).join(", ")}`) : null,
    done.map((c) => el("div", { class: "meta" }, `Correctie: ${c.kind === "incorrect_advice" ? `onjuist advies – ${c.note}` : c.kind === "new_intent" ? "nieuwe intent nodig" : c.intent}`)),
    ((detail && detail.feedback) || []).filter((f) => f.message_id === message.id).map((f) =>
      el("div", { class: f.helpful ? "meta" : "meta error" },
        `Feedback van de persoon: ${f.helpful ? "geholpen" : "niet geholpen"}${f.comment ? ` – "${f.comment}"` : ""}`)),
    (message.sender === "user" || message.sender === "bot") && message.text ? correctionForm(message) : null);
}

function appendMessage(message) {
  const list = document.getElementById("timeline");
  if (list.querySelector(`li[data-id="${message.id}"]`)) return;
  if (detail) detail.messages.push(message);
  list.append(item(message));
}

// Claiming and handing back change the state; the answer (and the socket's state event) say
// what it is now, so the page is not loaded again: each load is a "view" in the audit log.
async function act(path, success) {
  try {
    const done = await api(`${base}/${path}`, { method: "POST" });
    say(success);
    applyState({ state: done.state, advisor: done.advisor || null, advisor_id: done.advisor ? me.id : null });
  } catch (error) {
    say(error.message, true);
  }
}

// Re-render only on a real change: the socket repeats the state when it (re)connects, and
// re-rendering would empty a reply being typed.
function applyState(event) {
  if (!detail) return;
  const mine = event.state === STATE.WITH_ADVISOR && event.advisor_id === me.id;
  if (event.state === detail.state && event.advisor === detail.advisor && mine === detail.mine) return;
  detail.state = event.state;
  detail.advisor = event.advisor;
  detail.mine = mine;
  renderSummary();
  renderLive();
}

function renderLive() {
  const live = document.getElementById("live");
  if (detail.state === STATE.REQUESTED) {
    live.replaceChildren(el("section", {}, el("p", {}, "Deze persoon wacht op een adviseur."),
      el("button", { type: "button", id: "claim", onclick: () => act("claim", "U heeft het gesprek overgenomen.") }, "Overnemen")));
  } else if (detail.mine) {
    const text = el("textarea", { id: "reply", name: "text", maxlength: 4000 });
    const form = el("form", { id: "reply-form" },
      el("label", { for: "reply" }, "Uw antwoord aan de persoon (Ctrl+Enter verstuurt)"), text,
      el("button", { type: "submit" }, "Versturen"), " ",
      el("button", { type: "button", class: "secondary", id: "hand-back",
        onclick: () => act("close", "Het gesprek is teruggegeven aan de bot.") }, "Teruggeven aan de bot"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      try {
        const sent = await api(`${base}/messages`, { method: "POST", body: { text: text.value } });
        appendMessage(sent);
        text.value = "";
        text.focus();
      } catch (error) {
        say(error.message, true);
      }
    });
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.ctrlKey) form.requestSubmit();
    });
    live.replaceChildren(el("section", { "aria-label": "Live gesprek" }, form));
  } else if (detail.state === STATE.CALLBACK) {
    live.replaceChildren(el("section", {}, el("p", {}, "Deze persoon vroeg om contact."),
      el("button", { type: "button", onclick: () => act("close", "Het terugbelverzoek is afgehandeld.") }, "Afgehandeld")));
  } else {
    live.replaceChildren();
  }
}

function renderSummary() {
  document.getElementById("summary").textContent = [
    `Stand: ${STATES[detail.state] || detail.state}`,
    detail.handoff_reason ? `reden: ${REASONS[detail.handoff_reason] || detail.handoff_reason}` : null,
    detail.advisor ? `adviseur: ${detail.advisor}` : null,
  ].filter(Boolean).join(" · ");
}

function renderTimeline() {
  document.getElementById("timeline").replaceChildren(...detail.messages.map(item));
}

function renderNotes() {
  document.getElementById("notes").replaceChildren(...detail.notes.map((n) =>
    el("li", {}, el("span", { class: "text" }, n.text), el("span", { class: "meta" }, ` – ${n.advisor || "?"}, ${time(n.created_at)}`))));
}

function render() {
  document.getElementById("title").textContent = `Gesprek van ${time(detail.created_at)}`;
  renderSummary();
  renderLive();
  renderTimeline();
  document.getElementById("reviewed").checked = detail.reviewed;
  document.getElementById("tags").value = detail.tags.join(", ");
  renderNotes();
  document.getElementById("slots").replaceChildren(...Object.entries(detail.slots).flatMap(([k, v]) =>
    [el("dt", {}, k), el("dd", {}, typeof v === "string" ? v : JSON.stringify(v))]));
  document.getElementById("callback-details").replaceChildren(...detail.callbacks.map((c) =>
    el("p", {}, el("strong", {}, "Terugbelverzoek: "), `${c.name}, telefoon ${c.phone || "–"}, e-mail ${c.email || "–"}, liefst ${c.preferred_moment || "geen voorkeur"}`,
      c.handled_at ? " (afgehandeld)" : "")));
}

async function load() {
  try {
    detail = await api(base);
    render();
  } catch (error) {
    say(error.message, true);
  }
}

// The live socket. It reconnects with exponential backoff and jitter (an api worker that
// restarts, or lost Redis, closes it with 1012; all consoles must not come back at once), and
// on every reconnect fetches what arrived after the last message shown, so nothing is missed.
let attempts = 0;
function lastId() {
  return detail && detail.messages.length ? Math.max(...detail.messages.map((m) => m.id)) : 0;
}

async function catchUp() {
  try {
    const missed = await api(`${base}/messages?after=${lastId()}`);
    missed.forEach(appendMessage);
  } catch (error) {
    say(error.message, true);
  }
}

function listen(reconnecting = false) {
  const socket = new WebSocket(Console.socketUrl(`${base}/ws`));
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (data.type === "state") {
      attempts = 0; // the first event: the socket works
      if (reconnecting) catchUp();
      reconnecting = false;
      applyState(data);
    }
    if (data.type === "message") appendMessage(data.message);
  });
  socket.addEventListener("close", () => {
    const delay = Math.min(30000, 1000 * 2 ** attempts) * (0.5 + Math.random());
    attempts += 1;
    setTimeout(() => listen(true), delay);
  });
}

document.getElementById("reviewed").addEventListener("change", async (event) => {
  try {
    await api(`${base}/review`, { method: "PUT", body: { reviewed: event.target.checked } });
    say(event.target.checked ? "Gemarkeerd als beoordeeld." : "Niet meer beoordeeld.");
  } catch (error) {
    say(error.message, true);
  }
});

document.getElementById("tags-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const tags = document.getElementById("tags").value.split(",").map((t) => t.trim()).filter(Boolean);
  try {
    const saved = await api(`${base}/tags`, { method: "PUT", body: { tags } });
    say(`Labels opgeslagen: ${saved.tags.join(", ") || "geen"}.`);
  } catch (error) {
    say(error.message, true);
  }
});

document.getElementById("note-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const note = document.getElementById("note");
  try {
    const saved = await api(`${base}/notes`, { method: "POST", body: { text: note.value } });
    note.value = "";
    say("De notitie is opgeslagen.");
    detail.notes.push(saved);
    renderNotes();
  } catch (error) {
    say(error.message, true);
  }
});

Console.start().then(async (who) => {
  me = who;
  document.getElementById("export").href = `${base}/export`;
  document.getElementById("export-story").href = `${base}/story.yml`;
  if (me.role === "admin") {
    document.getElementById("erase-area").replaceChildren(el("button", { type: "button", class: "danger",
      onclick: async () => {
        if (!window.confirm("Dit gesprek voorgoed wissen, ook bij de bot? Dit kan niet ongedaan worden.")) return;
        try {
          await api(base, { method: "DELETE" });
          window.location.assign("/console/transcripts");
        } catch (error) {
          say(error.message, true);
        }
      } }, "Gesprek wissen (AVG)"));
  }
  await load();
  listen();
  const intents = await api("/api/advisor/intents");
  document.getElementById("intents").replaceChildren(...intents.map((i) => el("option", { value: i })));
});
