"use strict";

const { api, el, say } = Console;

function open(conversationId) {
  return el("a", { href: `/console/conversation?id=${conversationId}` }, "Openen");
}

function approval(c, isAdmin) {
  if (c.kind !== "intent") return "–";
  const state = c.approved_at ? `goedgekeurd door ${c.approved_by}` : "nog niet goedgekeurd";
  if (!isAdmin) return state;
  const button = el("button", { type: "button", class: "secondary" }, c.approved_at ? "Intrekken" : "Goedkeuren");
  const cell = el("span", {}, el("span", { class: "muted" }, state), " ", button);
  button.addEventListener("click", async () => {
    try {
      const updated = await api(`/api/advisor/corrections/${c.id}/approval`, { method: "PUT", body: { approved: !c.approved_at } });
      Object.assign(c, updated);
      cell.replaceWith(approval(c, isAdmin));
      say(updated.approved_at ? "Goedgekeurd voor de trainingsdata." : "Goedkeuring ingetrokken.");
    } catch (error) {
      say(error.message, true);
    }
  });
  return cell;
}

Console.start().then(async (me) => {
  try {
    const corrections = await api("/api/advisor/corrections");
    const nlu = corrections.filter((c) => c.kind !== "incorrect_advice");
    const advice = corrections.filter((c) => c.kind === "incorrect_advice");
    document.getElementById("nlu").replaceChildren(...nlu.map((c) => el("tr", {},
      el("td", { class: "text" }, c.text || ""),
      el("td", {}, c.understood_intent || "–"),
      el("td", {}, c.kind === "new_intent" ? "nieuwe intent nodig" : c.intent),
      el("td", {}, c.advisor || "–"),
      el("td", {}, open(c.conversation_id)),
      el("td", {}, approval(c, me.role === "admin")))));
    document.getElementById("advice").replaceChildren(...advice.map((c) => el("tr", {},
      el("td", { class: "text" }, c.text || ""),
      el("td", { class: "text" }, c.note || ""),
      el("td", {}, c.advisor || "–"),
      el("td", {}, open(c.conversation_id)))));
  } catch (error) {
    say(error.message, true);
  }
});
