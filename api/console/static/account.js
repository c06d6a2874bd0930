"use strict";

const { api, el, say, ROLES } = Console;
const form = document.getElementById("password-form");
const MIN_CHARS = 12;

function refuse(message, field) {
  say(message, true);
  field.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const current = form.current_password;
  const fresh = form.new_password;
  const repeat = form.repeat_password;
  if (!current.value) return refuse("Vul uw huidige wachtwoord in.", current);
  if (fresh.value.length < MIN_CHARS) return refuse(`Uw nieuwe wachtwoord heeft minstens ${MIN_CHARS} tekens.`, fresh);
  if (repeat.value !== fresh.value) return refuse("De twee nieuwe wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.", repeat);
  say("Bezig met opslaan…");
  try {
    await api("/api/advisor/me/password", {
      method: "POST",
      body: { current_password: current.value, new_password: fresh.value },
    });
    form.reset();
    current.focus();
    say("Uw wachtwoord is gewijzigd. Op andere computers en telefoons bent u nu uitgelogd.");
  } catch (error) {
    // A wrong current password (or a lockout): that field again; else the new one was refused.
    if (error.status === 403 || error.status === 429) {
      current.value = "";
      refuse(error.message, current);
    } else {
      fresh.value = "";
      repeat.value = "";
      refuse(error.message, fresh);
    }
  }
});

Console.start().then((me) => {
  document.getElementById("username").defaultValue = me.email;  // form.reset() keeps it
  document.getElementById("details").replaceChildren(
    el("dt", {}, "Naam"), el("dd", {}, me.name),
    el("dt", {}, "E-mailadres"), el("dd", {}, me.email),
    el("dt", {}, "Rol"), el("dd", {}, ROLES[me.role] || me.role));
});
