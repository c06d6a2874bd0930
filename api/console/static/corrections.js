"use strict";

const { api, el, say } = Console;

function open(conversationId) {
  return el("a", { href: `/console/conversation?id=${conversationId}` }, "Openen");
}

Console.start().then(async () => {
  try {
    const corrections = await api("/api/advisor/corrections");
    const nlu = corrections.filter((c) => c.kind !== "incorrect_advice");
    const advice = corrections.filter((c) => c.kind === "incorrect_advice");
    document.getElementById("nlu").replaceChildren(...nlu.map((c) => el("tr", {},
      el("td", { class: "text" }, c.text || ""),
      el("td", {}, c.understood_intent || "–"),
      el("td", {}, c.kind === "new_intent" ? "nieuwe intent nodig" : c.intent),
      el("td", {}, c.advisor || "–"),
      el("td", {}, open(c.conversation_id)))));
    document.getElementById("advice").replaceChildren(...advice.map((c) => el("tr", {},
      el("td", { class: "text" }, c.text || ""),
      el("td", { class: "text" }, c.note || ""),
      el("td", {}, c.advisor || "–"),
      el("td", {}, open(c.conversation_id)))));
  } catch (error) {
    say(error.message, true);
  }
});
