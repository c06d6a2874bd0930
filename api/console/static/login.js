"use strict";

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  Console.say("Bezig met inloggen…");
  try {
    await Console.api("/api/advisor/login", {
      method: "POST",
      allow401: true,
      body: { email: form.email.value, password: form.password.value },
    });
    window.location.assign("/console/");
  } catch (error) {
    form.password.value = "";
    form.password.focus();
    Console.say(error.message, true);
  }
});
