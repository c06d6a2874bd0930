/*
 * pgb-assistent chat widget: sending the person's messages. One turn at a time and in order;
 * a message that did not arrive is marked and can be sent again; a conversation the api no
 * longer knows is forgotten. What it needs from the panel comes in `deps` (pgb-chat-app.js).
 */
import { T } from "./pgb-chat-texts.js";
import { el } from "./pgb-chat-render.js";
import { WITH_HUMAN } from "./pgb-chat-live.js";

export function createSender(deps) {
  var queue = Promise.resolve(); // one turn at a time, in order

  function send(text, shown) {
    text = String(text);
    if (!text.trim()) return;
    deps.removeButtons();
    var bubble = deps.addUserBubble(shown != null ? shown : text);
    queue = queue.then(function () {
      return deps.whenRestored().then(function () { return deliver(text, bubble); });
    });
  }

  function showError(text, retry) {
    var box = el("div", "pgb-error");
    box.append(el("p", null, text));
    if (retry) {
      var again = el("button", "pgb-retry", T.retry);
      again.type = "button";
      again.addEventListener("click", function () {
        box.remove();
        deps.input.focus();
        retry();
      });
      box.append(again);
    }
    deps.log.append(box);
    deps.announce(text, true);
    deps.scrollDown();
    return box;
  }

  function deliver(text, bubble) {
    bubble.classList.remove("pgb-failed");
    var mark = bubble.querySelector(".pgb-failed-mark");
    if (mark) mark.remove();
    deps.typing.hidden = !!WITH_HUMAN[deps.conv.state];
    var sentFor = deps.conv.generation;
    var headers = deps.conv.id ? { "X-Conversation-Token": deps.conv.token } : null;
    return deps.request("POST", "/api/chat", { conversation_id: deps.conv.id, text: text }, headers)
      .then(
        function (result) {
          if (deps.conv.generation !== sentFor) return; // "Nieuw gesprek" was started meanwhile
          if (result.ok) {
            deps.remember(result.data.conversation_id, result.data.conversation_token);
            deps.handleIncoming(result.data.messages, true);
            deps.setState(result.data.state, null);
            return;
          }
          fail(bubble);
          if (result.status >= 500) {
            showError(result.detail || T.serverError, function () { retryDelivery(text, bubble); });
          } else {
            if (result.status === 404 && deps.conv.id) deps.forget(); // the conversation is gone
            showError(result.detail || T.requestError);
          }
        },
        function () {
          if (deps.conv.generation !== sentFor) return;
          fail(bubble);
          showError(T.networkError, function () { retryDelivery(text, bubble); });
        }
      )
      .finally(function () {
        deps.typing.hidden = true;
      });
  }

  function retryDelivery(text, bubble) {
    queue = queue.then(function () { return deliver(text, bubble); });
  }

  function fail(bubble) {
    bubble.classList.add("pgb-failed");
    bubble.append(el("span", "pgb-failed-mark", T.notSent));
  }

  // "Nieuw gesprek": new turns do not wait for the old conversation's (their answers are ignored).
  function reset() {
    queue = Promise.resolve();
  }

  return { send: send, reset: reset };
}
