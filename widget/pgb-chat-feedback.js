/*
 * pgb-assistent chat widget: "Heeft dit antwoord u geholpen?" under an answer that states facts
 * (the api marks it: ChatMessage.feedback). Ja is sent at once; Nee opens a short, optional
 * comment. Asked once per answer: the answered ids are remembered in this browser, and the api
 * refuses a second verdict. It never takes the focus on its own, so typing is never interrupted;
 * after a choice the focus goes back to the message box.
 */
import { T } from "./pgb-chat-texts.js";
import { el, nextId } from "./pgb-chat-render.js";

var MAX_COMMENT = 500;

// deps: { request, headers(), storage, announce(text), focusInput() }
export function createFeedback(deps) {
  var KEY = "pgb-chat:feedback";

  function answered() {
    try {
      var ids = JSON.parse(deps.storage.get("localStorage", KEY) || "[]");
      return Array.isArray(ids) ? ids : [];
    } catch (e) {
      return [];
    }
  }

  function remember(id) {
    var ids = answered().filter(function (known) { return known !== id; });
    ids.push(id);
    deps.storage.set("localStorage", KEY, JSON.stringify(ids.slice(-50)));
  }

  function finish(box, text) {
    box.replaceChildren(el("p", "pgb-feedback-done", text));
    box.removeAttribute("role");
    deps.announce(text);
    deps.focusInput();
  }

  function send(box, messageId, helpful, comment) {
    box.querySelectorAll("button, textarea").forEach(function (control) { control.disabled = true; });
    var body = { message_id: messageId, helpful: helpful, comment: comment || null };
    return deps.request("POST", "/api/conversation/feedback", body, deps.headers()).then(
      function (result) {
        if (result.ok || result.status === 409) {
          remember(messageId); // 409: given already (another tab): the thanks still holds
          finish(box, T.feedbackThanks);
          return;
        }
        box.querySelectorAll("button, textarea").forEach(function (control) { control.disabled = false; });
        showError(box, result.detail || T.feedbackError);
      },
      function () {
        box.querySelectorAll("button, textarea").forEach(function (control) { control.disabled = false; });
        showError(box, T.feedbackError);
      }
    );
  }

  function showError(box, text) {
    var old = box.querySelector(".pgb-feedback-error");
    if (old) old.remove();
    box.append(el("p", "pgb-feedback-error", text));
    deps.announce(text);
  }

  function commentForm(box, messageId) {
    var form = el("form", "pgb-feedback-form");
    var id = nextId("feedback-comment");
    var label = el("label", "pgb-feedback-label", T.feedbackCommentLabel);
    label.htmlFor = id;
    var field = el("textarea", "pgb-feedback-comment");
    field.id = id;
    field.rows = 2;
    field.maxLength = MAX_COMMENT;
    var submit = el("button", "pgb-choice", T.feedbackSend);
    submit.type = "submit";
    var skip = el("button", "pgb-choice pgb-feedback-skip", T.feedbackSkip);
    skip.type = "button";
    form.append(label, field, submit, skip);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(box, messageId, false, field.value.trim());
    });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        send(box, messageId, false, field.value.trim());
      }
    });
    skip.addEventListener("click", function () { send(box, messageId, false, ""); });
    return { form: form, field: field };
  }

  // The question under one answer, or null when this browser answered it already.
  function ask(messageId) {
    if (answered().indexOf(messageId) !== -1) return null;
    var box = el("div", "pgb-feedback");
    var questionId = nextId("feedback");
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", questionId);
    var question = el("p", "pgb-feedback-question", T.feedbackQuestion);
    question.id = questionId;
    var yes = el("button", "pgb-choice pgb-feedback-yes", T.feedbackYes);
    yes.type = "button";
    var no = el("button", "pgb-choice pgb-feedback-no", T.feedbackNo);
    no.type = "button";
    var choices = el("div", "pgb-feedback-choices");
    choices.append(yes, no);
    box.append(question, choices);
    yes.addEventListener("click", function () { send(box, messageId, true, ""); });
    no.addEventListener("click", function () {
      var made = commentForm(box, messageId);
      choices.replaceWith(made.form);
      made.field.focus(); // the person chose "Nee": the optional comment is the next step
    });
    return box;
  }

  return { ask: ask };
}
