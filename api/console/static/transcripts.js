"use strict";

const { api, el, say, time, STATES } = Console;
const form = document.getElementById("filters");
const PAGE = 50;
let offset = 0;

function query() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
  params.set("limit", PAGE);
  params.set("offset", offset);
  return params;
}

function row(item) {
  const confidence = item.lowest_confidence === null ? "–" : `${Math.round(item.lowest_confidence * 100)}%`;
  return el("tr", {},
    el("td", {}, time(item.updated_at)),
    el("td", { class: "text" }, el("a", { href: `/console/conversation?id=${item.id}` },
      item.first_question || "(geen vraag)")),
    el("td", {}, STATES[item.state] || item.state, item.handoff_reason ? " · doorgezet" : ""),
    el("td", {}, item.tags.map((t) => el("span", { class: "tag" }, t))),
    el("td", {}, confidence),
    el("td", {}, item.reviewed ? "ja" : "nee"),
  );
}

async function load(append = false) {
  try {
    const page = await api(`/api/advisor/conversations?${query()}`);
    const rows = page.items.map(row);
    const body = document.getElementById("results");
    if (append) body.append(...rows);
    else body.replaceChildren(...rows);
    document.getElementById("count").textContent = `${page.total} gesprekken gevonden.`;
    document.getElementById("more").hidden = offset + PAGE >= page.total;
  } catch (error) {
    say(error.message, true);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  offset = 0;
  load();
});
document.getElementById("more").addEventListener("click", () => {
  offset += PAGE;
  load(true);
});

Console.start().then(async () => {
  load();
  const intents = await api("/api/advisor/intents");
  document.getElementById("intents").replaceChildren(...intents.map((i) => el("option", { value: i })));
});
