/*
 * pgb-assistent chat widget: the callback form, shown outside office hours.
 *
 * pgb-chat-app.js loads this file the first time it needs the form, so most visitors never download
 * it. It registers one function, window.pgbChatCallbackForm(app, box, custom), which fills `box`
 * with the form; `app` hands over the widget's helpers (el, nextId, storage, request, announce,
 * setState, fetchNew, conversationId, conversationHeaders) and its texts (app.T). Text is only
 * inserted as text nodes.
 */
(function () {
  "use strict";

  // Everything a person reads, in Dutch at B1 level.
  var T = {
    title: "Terugbelverzoek",
    intro:
      "Er is nu geen mantelzorgmakelaar bereikbaar. Laat uw gegevens achter, dan nemen we contact met u op.",
    nextOpen: function (when) {
      return "We zijn weer bereikbaar vanaf " + when + ".";
    },
    name: "Naam",
    phone: "Telefoonnummer",
    email: "E-mailadres",
    contactHint: "Vul een telefoonnummer of een e-mailadres in (of allebei).",
    moment: "Wanneer komt het u het best uit?",
    moments: ["Maakt niet uit", "Ochtend (9.00 tot 12.00 uur)", "Middag (12.00 tot 17.00 uur)"],
    consent:
      "Ik geef toestemming dat een mantelzorgmakelaar mijn naam en contactgegevens gebruikt om mij over mijn vraag te bellen of te mailen.",
    submit: "Verstuur verzoek",
    needName: "Vul uw naam in.",
    needContact: "Vul een telefoonnummer of een e-mailadres in.",
    badEmail: "Dit e-mailadres klopt niet. Controleer het.",
    needConsent: "Geef toestemming, anders kunnen we geen contact met u opnemen.",
    sent: "Uw verzoek is verstuurd.",
    already: "U heeft al gevraagd of we contact met u opnemen.",
  };

  var app; // set by the first call

  function sentKey() {
    return "pgb-chat:callback:" + app.conversationId();
  }

  function field(container, labelText, input, hint) {
    var wrap = app.el("div", "pgb-field");
    input.id = app.nextId("field");
    var label = app.el("label", null, labelText);
    label.htmlFor = input.id;
    wrap.append(label);
    var described = [];
    if (hint) {
      var hintNode = app.el("p", "pgb-hint", hint);
      hintNode.id = app.nextId("hint");
      described.push(hintNode.id);
      wrap.append(hintNode);
    }
    var error = app.el("p", "pgb-field-error");
    error.id = app.nextId("error");
    error.hidden = true;
    described.push(error.id);
    input.setAttribute("aria-describedby", described.join(" "));
    wrap.append(input, error);
    container.append(wrap);
    return error;
  }

  function textInput(type, autocomplete) {
    var node = app.el("input");
    node.type = type;
    node.autocomplete = autocomplete;
    return node;
  }

  function fill(box, custom) {
    if (app.storage.get("localStorage", sentKey())) {
      box.append(app.el("p", null, T.already));
      return;
    }
    var cb = app.el("form");
    cb.noValidate = true;
    var titleNode = app.el("h3", null, T.title);
    titleNode.id = app.nextId("cb");
    cb.setAttribute("aria-labelledby", titleNode.id);
    var nextOpen = app.el("p", "pgb-hint");
    nextOpen.hidden = true;
    cb.append(titleNode, app.el("p", null, T.intro), nextOpen);

    var name = textInput("text", "name");
    var nameError = field(cb, T.name, name);
    name.required = true;
    var phone = textInput("tel", "tel");
    var phoneError = field(cb, T.phone, phone, T.contactHint);
    var email = textInput("email", "email");
    var emailError = field(cb, T.email, email);
    var moment = app.el("select");
    T.moments.forEach(function (text) { moment.append(app.el("option", null, text)); });
    field(cb, T.moment, moment);

    var consentWrap = app.el("div", "pgb-field pgb-consent");
    var consent = textInput("checkbox", "off");
    consent.id = app.nextId("field");
    consent.required = true;
    var consentLabel = app.el("label", null, T.consent);
    consentLabel.htmlFor = consent.id;
    var consentError = app.el("p", "pgb-field-error");
    consentError.id = app.nextId("error");
    consentError.hidden = true;
    consent.setAttribute("aria-describedby", consentError.id);
    consentWrap.append(consent, consentLabel, consentError);
    cb.append(consentWrap);

    var formError = app.el("p", "pgb-field-error");
    formError.hidden = true;
    var submit = app.el("button", "pgb-submit", T.submit);
    submit.type = "submit";
    cb.append(formError, submit);
    box.append(cb);

    function showNextOpen(iso) {
      var when = iso && new Date(iso);
      if (!when || isNaN(when)) return;
      nextOpen.textContent = T.nextOpen(
        new Intl.DateTimeFormat("nl-NL", {
          weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
          timeZone: "Europe/Amsterdam",
        }).format(when)
      );
      nextOpen.hidden = false;
    }
    if ("next_open" in custom) showNextOpen(custom.next_open);
    else {
      app.request("GET", "/api/handoff/availability").then(
        function (result) { if (result.ok) showNextOpen(result.data.next_open); },
        function () {}
      );
    }

    function mark(inputNode, errorNode, message) {
      errorNode.textContent = message || "";
      errorNode.hidden = !message;
      if (message) inputNode.setAttribute("aria-invalid", "true");
      else inputNode.removeAttribute("aria-invalid");
      return message ? inputNode : null;
    }

    cb.addEventListener("submit", function (event) {
      event.preventDefault();
      formError.hidden = true;
      var emailValue = email.value.trim();
      var phoneValue = phone.value.trim();
      var invalid = [
        mark(name, nameError, name.value.trim() ? "" : T.needName),
        mark(phone, phoneError, phoneValue || emailValue ? "" : T.needContact),
        mark(email, emailError, !emailValue || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailValue) ? "" : T.badEmail),
        mark(consent, consentError, consent.checked ? "" : T.needConsent),
      ].filter(Boolean);
      if (invalid.length) {
        invalid[0].focus();
        return;
      }
      submit.disabled = true;
      var details = {
        name: name.value.trim(),
        phone: phoneValue || null,
        email: emailValue || null,
        preferred_moment: moment.value,
        consent: true,
      };
      app.request("POST", "/api/conversation/callback", details, app.conversationHeaders()).then(
        function (result) {
          submit.disabled = false;
          if (result.ok) {
            app.storage.set("localStorage", sentKey(), "1");
            var done = app.el("p", "pgb-done", T.sent);
            done.tabIndex = -1;
            box.replaceChildren(done);
            done.focus();
            app.announce(T.sent);
            app.setState(result.data && result.data.status, null);
            app.fetchNew(); // the api's own confirmation
            return;
          }
          formError.textContent = result.detail || (result.status >= 500 ? app.T.serverError : app.T.requestError);
          formError.hidden = false;
          app.announce(formError.textContent, true);
        },
        function () {
          submit.disabled = false;
          formError.textContent = app.T.networkError;
          formError.hidden = false;
          app.announce(app.T.networkError, true);
        }
      );
    });
  }

  window.pgbChatCallbackForm = function (widget, box, custom) {
    app = widget;
    fill(box, custom);
  };
})();
