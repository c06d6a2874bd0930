"use strict";

const { api, el, say, time, ROLES } = Console;
const ACTIONS = {
  view: "gesprek bekeken",
  export: "gesprek geëxporteerd",
  erase: "gesprek gewist",
  claim: "gesprek overgenomen",
  close: "gesprek afgesloten",
  login: "ingelogd",
  purge: "oude gesprekken opgeruimd",
  create_account: "account gemaakt",
  change_password: "wachtwoord gewijzigd",
  unlock: "blokkade opgeheven",
  deactivate: "account uitgezet",
  reactivate: "account weer aangezet",
};
const PAGE = 50;
const filters = document.getElementById("audit-filters");
const newAccount = document.getElementById("new-account");
let me = null;
let offset = 0;

function standing(account) {
  const parts = [account.active ? "Actief" : "Uitgezet: kan niet inloggen"];
  if (account.locked) parts.push(`Geblokkeerd tot ${time(account.locked_until)} (te vaak een verkeerd wachtwoord)`);
  return parts.join(". ");
}

// After a change the row is drawn again; focus goes to its name, never to a button that a
// second Enter would press.
async function change(account, path, done) {
  try {
    await api(`/api/advisor/advisors/${account.id}/${path}`, { method: "POST" });
    say(done);
  } catch (error) {
    say(error.message, true);
  }
  await loadAccounts();
  const name = document.getElementById(`account-${account.id}`);
  if (name) name.focus();
  await loadAudit();
}

function actionButton(account, label, path, done, danger = false) {
  return el("button", {
    type: "button",
    class: danger ? "danger" : null,
    "aria-label": `${label}: ${account.name}`,
    onclick: () => change(account, path, done),
  }, label);
}

function actions(account) {
  if (account.id === me.id) return [el("span", { class: "muted" }, "Dit bent u")];
  const buttons = [];
  if (account.locked) {
    buttons.push(actionButton(account, "Blokkade opheffen", "unlock",
      `De blokkade van ${account.name} is opgeheven. ${account.name} kan weer inloggen.`));
  }
  if (account.active) {
    buttons.push(actionButton(account, "Uitzetten", "deactivate",
      `Het account van ${account.name} is uitgezet. ${account.name} is uitgelogd en kan niet meer inloggen.`, true));
  } else {
    buttons.push(actionButton(account, "Weer aanzetten", "reactivate",
      `Het account van ${account.name} staat weer aan.`));
  }
  return buttons;
}

function accountRow(account) {
  return el("tr", { "data-id": account.id },
    el("th", { scope: "row", id: `account-${account.id}`, tabindex: "-1" }, account.name),
    el("td", {}, account.email),
    el("td", {}, ROLES[account.role] || account.role),
    el("td", {}, standing(account)),
    el("td", {}, actions(account)));
}

async function loadAccounts() {
  try {
    const accounts = await api("/api/advisor/advisors");
    document.getElementById("accounts").replaceChildren(...accounts.map(accountRow));
    document.getElementById("emails").replaceChildren(...accounts.map((a) => el("option", { value: a.email })));
  } catch (error) {
    say(error.message, true);
  }
}

function auditRow(entry) {
  const conversation = entry.conversation_id
    ? el("a", { href: `/console/conversation?id=${encodeURIComponent(entry.conversation_id)}` },
      `Gesprek ${entry.conversation_id.slice(0, 8)}`)
    : "–";
  return el("tr", {},
    el("td", {}, time(entry.created_at)),
    el("td", {}, entry.advisor_email === "system" ? "systeem" : entry.advisor_email),
    el("td", {}, ACTIONS[entry.action] || entry.action),
    el("td", {}, entry.account_email || "–"),
    el("td", {}, conversation));
}

function auditQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(filters)) if (value.trim()) params.set(name, value.trim());
  params.set("limit", PAGE);
  params.set("offset", offset);
  return params;
}

async function loadAudit(append = false) {
  try {
    const page = await api(`/api/advisor/audit?${auditQuery()}`);
    const rows = page.items.map(auditRow);
    const body = document.getElementById("audit");
    if (append) body.append(...rows);
    else body.replaceChildren(...rows);
    document.getElementById("audit-count").textContent =
      page.total === 1 ? "1 regel gevonden." : `${page.total} regels gevonden.`;
    document.getElementById("more").hidden = offset + PAGE >= page.total;
  } catch (error) {
    say(error.message, true);
  }
}

filters.addEventListener("submit", (event) => {
  event.preventDefault();
  offset = 0;
  loadAudit();
});
document.getElementById("more").addEventListener("click", () => {
  offset += PAGE;
  loadAudit(true);
});

function refuse(message, field) {
  say(message, true);
  field.focus();
}

newAccount.addEventListener("submit", async (event) => {
  event.preventDefault();
  const [name, email, role, password] = ["new-name", "new-email", "new-role", "new-password"]
    .map((id) => document.getElementById(id));
  if (!name.value.trim()) return refuse("Vul een naam in.", name);
  if (!email.value.includes("@")) return refuse("Vul een geldig e-mailadres in.", email);
  if (password.value.length < 12) return refuse("Het wachtwoord heeft minstens 12 tekens.", password);
  try {
    const created = await api("/api/advisor/advisors", {
      method: "POST",
      body: { name: name.value.trim(), email: email.value.trim(), role: role.value, password: password.value },
    });
    newAccount.reset();
    name.focus();
    say(`Het account van ${created.name} is gemaakt.`);
    await loadAccounts();
    await loadAudit();
  } catch (error) {
    refuse(error.message, error.status === 409 ? email : password);
  }
});

Console.start().then(async (who) => {
  me = who;
  if (me.role !== "admin") {
    document.getElementById("not-admin").hidden = false;
    return;
  }
  document.getElementById("admin-area").hidden = false;
  document.getElementById("audit-action").append(...Object.entries(ACTIONS).map(([value, label]) => el("option", { value }, label)));
  await loadAccounts();
  await loadAudit();
});
