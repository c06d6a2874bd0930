// Inzicht: the overviews of /api/advisor/insight, each as a chart (Chart.js, vendored) with
// the same numbers in a table beside it and a CSV download. The api already hid small counts
// ("< 5"); the chart leaves those out, the table shows them.
"use strict";

const { api, el, say } = Console;

// Which columns each chart draws (the table always shows all of them).
const CHARTS = {
  volume: { columns: [1, 2] },
  topics: { columns: [1], horizontal: true },
  checks: { columns: [1] },
  not_understood: { columns: [1], skipFirstRow: true },
  handoffs: { columns: [1] },
  feedback: { columns: [1, 2], stacked: true, horizontal: true },
};
const COLOURS = ["#0b5cad", "#c2410c", "#0a6b2c", "#6b21a8"];

function query(period) {
  const params = new URLSearchParams();
  for (const key of ["date_from", "date_to", "step"]) if (period[key]) params.set(key, period[key]);
  return params.toString();
}

function number(cell) {
  return typeof cell === "number" ? cell : null; // "< 5" and empty cells are not drawn
}

function shown(cell) {
  if (cell === null || cell === undefined) return "–";
  if (typeof cell === "number") return cell.toLocaleString("nl-NL");
  return String(cell);
}

function table(section) {
  const head = el("tr", {}, section.columns.map((name, i) =>
    el("th", { scope: "col", class: i ? "number" : null }, name)));
  const body = section.rows.map((row) => el("tr", {}, row.map((cell, i) => i === 0
    ? el("th", { scope: "row" }, shown(cell))
    : el("td", { class: "number" }, shown(cell)))));
  const empty = section.rows.length ? [] : [el("tr", {}, el("td", { colspan: section.columns.length }, "Geen gegevens in deze periode."))];
  // A wide table scrolls on a phone: the region takes the focus so a keyboard can scroll it.
  return el("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": `${section.title}: tabel` }, el("table", { "data-section": section.id },
    el("caption", { class: "muted" }, `${section.title}: de cijfers`),
    el("thead", {}, head), el("tbody", {}, body, empty)));
}

function chart(section) {
  const spec = CHARTS[section.id];
  if (!section.chart || !spec || !window.Chart || !section.rows.length) return null;
  const rows = spec.skipFirstRow ? section.rows.slice(1) : section.rows;
  const canvas = el("canvas", {
    role: "img",
    "aria-label": `Grafiek: ${section.title}. De cijfers staan in de tabel.`,
  });
  const figure = el("figure", { class: "chart", "data-chart": section.id }, canvas);
  const horizontal = spec.horizontal && section.chart === "bar";
  // Chart.js needs the canvas in the page to measure it: drawn once the figure is placed.
  figure.draw = () => new window.Chart(canvas, {
    type: section.chart,
    data: {
      labels: rows.map((row) => String(row[0])),
      datasets: spec.columns.map((column, i) => ({
        label: section.columns[column],
        data: rows.map((row) => number(row[column])),
        backgroundColor: COLOURS[i],
        borderColor: COLOURS[i],
        spanGaps: false,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: horizontal ? "y" : "x",
      scales: {
        x: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: { legend: { display: spec.columns.length > 1 } },
    },
  });
  return figure;
}

function overview(section, period) {
  const titleId = `title-${section.id}`;
  const figure = chart(section);
  const csv = el("a", {
    class: "button secondary csv",
    href: `/api/advisor/insight/${section.id}.csv?${query(period)}`,
    download: true,
  }, `${section.title} downloaden (CSV)`);
  const node = el("section", { "aria-labelledby": titleId, id: `overview-${section.id}` },
    el("h2", { id: titleId }, section.title),
    section.note ? el("p", { class: "hint" }, section.note) : null,
    el("div", { class: figure ? "overview" : "" }, figure, el("div", {}, table(section), el("p", {}, csv))));
  return { node, figure };
}

async function load(period) {
  say("Laden…");
  try {
    const insight = await api(`/api/advisor/insight?${query(period)}`);
    const used = insight.period;
    document.getElementById("date-from").value = used.date_from;
    document.getElementById("date-to").value = used.date_to;
    document.getElementById("step").value = used.step;
    const parts = insight.sections.map((section) => overview(section, used));
    document.getElementById("sections").replaceChildren(...parts.map((p) => p.node));
    for (const part of parts) if (part.figure) part.figure.draw();
    say(`Periode ${used.date_from} tot en met ${used.date_to}, per ${used.step === "week" ? "week" : "dag"}.`);
  } catch (error) {
    say(error.message, true);
  }
}

async function loadModel() {
  try {
    const model = await api("/api/advisor/insight/model");
    const facts = document.getElementById("model-facts");
    facts.replaceChildren(...model.facts.flatMap((fact) => [el("dt", {}, fact.label), el("dd", {}, fact.value)]));
    document.getElementById("model").hidden = false;
  } catch (error) {
    // No model information (yet): the overviews still show.
  }
}

Console.start().then(() => {
  const form = document.getElementById("period");
  const params = new URLSearchParams(window.location.search);
  const period = Object.fromEntries(["date_from", "date_to", "step"].map((k) => [k, params.get(k)]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(new FormData(form).entries());
    history.replaceState(null, "", `?${query(chosen)}`);
    load(chosen);
  });
  load(period);
  loadModel();
});
