/*
 * pgb-assistent chat widget: building the DOM and rendering message text. Text is only ever
 * inserted as text nodes, never innerHTML; links only for http(s), mailto and tel.
 */
import { T } from "./pgb-chat-texts.js";

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// Decorative icons, built without innerHTML so sites with Trusted Types can embed the widget.
export function icon(size, path) {
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  var shape = document.createElementNS(ns, "path");
  shape.setAttribute("fill", "currentColor");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

export function srOnly(text) {
  return el("span", "pgb-sr", text);
}

var uid = 0;
export function nextId(prefix) {
  uid += 1;
  return "pgb-" + prefix + "-" + uid;
}

// Rendering of message text: paragraphs, line breaks, short lists, **bold** and links.
var BULLET = /^\s*[-*•]\s+(.*)$/;
var NUMBERED = /^\s*\d{1,2}[.)]\s+(.*)$/;
var INLINE =
  /\[([^\]\n]+)\]\(([^)\s]+)\)|((?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)'\]])|\*\*([^*\n]+)\*\*/g;

export function safeHref(raw) {
  try {
    var url = new URL(/^www\./i.test(raw) ? "https://" + raw : raw);
    return /^(https?|mailto|tel):$/.test(url.protocol) ? url.href : null;
  } catch (e) {
    return null;
  }
}

function appendInline(parent, text) {
  var last = 0;
  var match;
  INLINE.lastIndex = 0;
  while ((match = INLINE.exec(text))) {
    parent.append(text.slice(last, match.index));
    last = INLINE.lastIndex;
    if (match[4]) {
      parent.append(el("strong", null, match[4]));
      continue;
    }
    var href = safeHref(match[2] || match[3]);
    if (!href) {
      parent.append(match[0]);
      continue;
    }
    var link = el("a", null, match[1] || match[3]);
    link.href = href;
    if (/^https?:/.test(href)) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.append(srOnly(T.newTab));
    }
    parent.append(link);
  }
  parent.append(text.slice(last));
}

export function renderText(text) {
  var fragment = document.createDocumentFragment();
  var paragraph = null;
  var list = null;
  String(text)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .forEach(function (line) {
      var bullet = BULLET.exec(line);
      var numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? "UL" : "OL";
        if (!list || list.tagName !== tag) {
          list = el(tag.toLowerCase());
          fragment.append(list);
        }
        var item = el("li");
        appendInline(item, (bullet || numbered)[1]);
        list.append(item);
        paragraph = null;
        return;
      }
      list = null;
      if (!line.trim()) {
        paragraph = null;
        return;
      }
      if (paragraph) paragraph.append(el("br"));
      else fragment.append((paragraph = el("p")));
      appendInline(paragraph, line);
    });
  return fragment;
}
