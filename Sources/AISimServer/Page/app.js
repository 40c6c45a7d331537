// aisim playground: the editor, the live runs and the share link. Plain JavaScript, no
// dependencies; every text that comes from a prior is set with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { session: Math.random().toString(36).slice(2), controller: null, timer: null, generation: 0,
  file: null, fileHash: null, savedText: null, lastRun: null };
const quickTrials = 100000;

function request(trials) {
  const exceed = $("exceed").value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  return { prior: $("prior").value, trials, seed: Number($("seed").value), method: $("method").value,
    exceed, session: state.session };
}

async function post(path, body, signal) {
  let response;
  // Every run slot busy (503): another page's runs; try again shortly, unless superseded.
  for (let attempt = 0; ; attempt++) {
    response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal });
    if (response.status !== 503 || attempt >= 40) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { message = JSON.parse(text).error; } catch (_) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return text;
}

function format(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-2)) {
    const [m, e] = x.toExponential(2).split("e");
    return `${m}e${Number(e)}`;
  }
  return Number(x.toPrecision(3)).toString();
}

function cell(row, text, className) {
  const td = document.createElement(row.parentElement && row.parentElement.tagName === "THEAD" ? "th" : "td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function renderRun(run) {
  $("title").textContent = run.prior.title;
  $("provenance").textContent = `${run.trials.toLocaleString("en")} trials · seed ${run.seed} · ${run.method} · prior sha256 ${run.prior.sha256.slice(0, 12)}`;
  const table = $("table");
  table.replaceChildren();
  const outputs = Object.entries(run.outputs).filter(([name]) => ["parallel_tokens_per_s", "streams", "params"].includes(name) || name.endsWith("_multiple"));
  const head = table.createTHead().insertRow();
  cell(head, "");
  for (const [name, output] of outputs) {
    const th = document.createElement("th");
    th.textContent = `${name} (${output.unit})`;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const keys = Object.keys(outputs[0][1].percentiles);
  for (const key of keys) {
    const row = body.insertRow();
    cell(row, key);
    for (const [, output] of outputs) {
      const td = cell(row, format(output.percentiles[key]) + " ");
      td.dataset.value = String(output.percentiles[key]);
      const ci = document.createElement("span");
      ci.className = "ci";
      const [low, high] = output.ci95[key];
      ci.textContent = `[${format(low)}, ${format(high)}]`;
      td.appendChild(ci);
    }
  }
  const mean = body.insertRow();
  cell(mean, "mean");
  for (const [, output] of outputs) cell(mean, `${format(output.mean)} ± ${format(output.mean_standard_error)}`);
  const exceed = $("exceedances");
  exceed.replaceChildren();
  for (const e of run.exceedances || []) {
    const row = exceed.insertRow();
    cell(row, `P(${e.threshold})`);
    cell(row, `${format(e.probability)} [${format(e.ci95[0])}, ${format(e.ci95[1])}]`);
  }
}

function renderSVG(text) {
  const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  $("plot").replaceChildren(document.importNode(svg, true));
}

function renderTornado(json) {
  const analysis = JSON.parse(json).sensitivity.outputs.parallel_tokens_per_s;
  const root = $("tornado");
  root.replaceChildren();
  const center = Math.log(analysis.median);
  const swing = Math.max(1e-12, ...analysis.inputs.map((e) => Math.max(Math.abs(Math.log(e.median_at_p5) - center), Math.abs(Math.log(e.median_at_p95) - center))));
  for (const e of analysis.inputs) {
    const row = document.createElement("div");
    row.className = "row";
    const label = document.createElement("span");
    label.textContent = `${e.input} ${(100 * e.share).toFixed(1)}%`;
    const bar = document.createElement("div");
    bar.className = "bar";
    for (const [value, className] of [[e.median_at_p5, "low"], [e.median_at_p95, "high"]]) {
      const offset = (Math.log(value) - center) / swing * 50;
      const span = document.createElement("span");
      span.className = className;
      span.style.left = `${50 + Math.min(0, offset)}%`;
      span.style.width = `${Math.abs(offset)}%`;
      bar.appendChild(span);
    }
    const mid = document.createElement("span");
    mid.className = "mid";
    bar.appendChild(mid);
    row.append(label, bar);
    root.appendChild(row);
  }
}

function showError(message) {
  const error = $("error");
  error.hidden = false;
  error.textContent = message;
  const match = /:(\d+):/.exec(message);
  drawGutter(match ? Number(match[1]) : null);
  $("results").classList.add("stale");
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
  drawGutter(null);
  $("results").classList.remove("stale");
}

function drawGutter(badLine) {
  const count = $("prior").value.split("\n").length;
  const gutter = $("gutter");
  gutter.replaceChildren();
  for (let i = 1; i <= count; i++) {
    const line = document.createElement("span");
    line.textContent = `${i}\n`;
    if (i === badLine) line.className = "bad";
    line.dataset.line = String(i);
    gutter.appendChild(line);
  }
  gutter.scrollTop = $("prior").scrollTop;
}

async function simulate() {
  const generation = ++state.generation;
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const full = Math.max(1, Math.round(Number($("trials").value) || 1e6));
  const passes = full > quickTrials ? [quickTrials, full] : [full];
  try {
    for (const trials of passes) {
      $("status").textContent = `running ${trials.toLocaleString("en")} trials…`;
      const started = performance.now();
      const run = JSON.parse(await post("/api/run", request(trials), controller.signal));
      if (generation !== state.generation) return;
      clearError();
      renderRun(run);
      state.lastRun = run;
      $("status").textContent = `${run.trials.toLocaleString("en")} trials in ${Math.round(performance.now() - started)} ms`;
      $("status").dataset.trials = String(run.trials);
      $("status").dataset.sha = run.prior.sha256;
      const [svg, sensitivity] = await Promise.all([
        post("/api/svg", request(trials), controller.signal),
        post("/api/sensitivity", request(trials), controller.signal),
      ]);
      if (generation !== state.generation) return;
      renderSVG(svg);
      renderTornado(sensitivity);
    }
  } catch (error) {
    if (error.name === "AbortError" || error.status === 409 || generation !== state.generation) return;
    showError(error.message);
    $("status").textContent = "the last good result is shown, greyed";
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(simulate, 150);
}

// One field per [inputs] line, kept in sync with the editor.
function syncFields() {
  const form = $("fields");
  const lines = $("prior").value.split("\n");
  let section = "";
  const found = [];
  lines.forEach((text, index) => {
    const header = /^\s*\[([^\]]+)\]/.exec(text);
    if (header) { section = header[1].trim(); return; }
    const entry = /^\s*([A-Za-z_]+)\s*=\s*("([^"]*)"|[-+0-9.eE]+)/.exec(text);
    if (section === "inputs" && entry) found.push({ name: entry[1], value: entry[3] ?? entry[2], line: index, quoted: entry[3] !== undefined });
  });
  form.replaceChildren();
  for (const entry of found) {
    const label = document.createElement("label");
    label.textContent = entry.name;
    label.htmlFor = `field-${entry.name}`;
    const input = document.createElement("input");
    input.type = "text";
    input.id = `field-${entry.name}`;
    input.value = entry.value;
    input.addEventListener("input", () => setLine(entry, input.value));
    const extra = document.createElement("span");
    const number = Number(entry.value);
    if (!entry.quoted && Number.isFinite(number) && number > 0) {
      const slider = document.createElement("input");
      slider.type = "range";
      slider.min = "-1";
      slider.max = "1";
      slider.step = "0.01";
      slider.value = "0";
      slider.setAttribute("aria-label", `${entry.name}, a decade either way`);
      slider.addEventListener("input", () => {
        const value = Number((number * Math.pow(10, Number(slider.value))).toPrecision(3));
        input.value = String(value);
        setLine(entry, String(value), false);
      });
      extra.appendChild(slider);
    }
    form.append(label, input, extra);
  }
}

function setLine(entry, value, resync = true) {
  const lines = $("prior").value.split("\n");
  const quoted = !(Number.isFinite(Number(value)) && value.trim() !== "");
  const comment = /(\s+#.*)$/.exec(lines[entry.line]);
  lines[entry.line] = `${entry.name} = ${quoted ? JSON.stringify(value) : value}${comment ? comment[1] : ""}`;
  $("prior").value = lines.join("\n");
  entry.quoted = quoted;
  drawGutter(null);
  if (resync) { /* the field keeps focus; the editor already shows the value */ }
  schedule();
}

// The share link: the prior deflated and base64url-encoded, with seed, trials and method.
async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function inflate(encoded) {
  const binary = atob(encoded.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return await new Response(stream).text();
}

async function shareLink() {
  const fragment = new URLSearchParams({ prior: await deflate($("prior").value), seed: $("seed").value,
    trials: $("trials").value, method: $("method").value });
  return `${location.origin}${location.pathname}#${fragment.toString()}`;
}

function commandLine() {
  const parts = ["aisim", "--prior", state.file ? state.file : "prior.toml", "--trials", $("trials").value,
    "--seed", $("seed").value, "--method", $("method").value];
  for (const e of request(1).exceed) parts.push("--exceed", `'${e}'`);
  return parts.join(" ");
}

function download(name, type, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function copy(text, what) {
  try { await navigator.clipboard.writeText(text); } catch (_) { /* no clipboard: shown below */ }
  $("copied").textContent = `${what}: ${text}`;
  $("copied").dataset.text = text;
}

async function load(text) {
  $("prior").value = text;
  drawGutter(null);
  syncFields();
  await simulate();
}

async function pollFile() {
  if (!state.file) return;
  try {
    const response = await fetch("/api/file");
    const file = await response.json();
    if (file.sha256 !== state.fileHash && $("prior").value === state.savedText) {
      state.fileHash = file.sha256;
      state.savedText = file.text;
      await load(file.text);
    }
  } catch (_) { /* the server is gone; try again */ }
}

async function start() {
  const gallery = await (await fetch("/api/gallery")).json();
  for (const entry of gallery) {
    const option = document.createElement("option");
    option.value = entry.name;
    option.textContent = `${entry.name}: ${entry.title}`;
    $("gallery").appendChild(option);
  }
  $("gallery").addEventListener("change", async () => {
    if (!$("gallery").value) return;
    await load(await (await fetch(`/api/gallery/${encodeURIComponent($("gallery").value)}`)).text());
  });
  $("prior").addEventListener("input", () => { drawGutter(null); syncFields(); schedule(); });
  $("prior").addEventListener("scroll", () => { $("gutter").scrollTop = $("prior").scrollTop; });
  for (const id of ["trials", "seed", "method", "exceed"]) $(id).addEventListener("change", schedule);
  $("share").addEventListener("click", async () => copy(await shareLink(), "share link"));
  $("command").addEventListener("click", () => copy(commandLine(), "command"));
  $("download-json").addEventListener("click", () => state.lastRun && download("run.json", "application/json", JSON.stringify(state.lastRun, null, 2)));
  $("download-csv").addEventListener("click", async () => download("run.csv", "text/csv", await post("/api/run", { ...request(Number($("trials").value)), format: "csv" })));
  $("download-report").addEventListener("click", async () => {
    const trials = Number($("trials").value);
    download("report.md", "text/markdown", await post("/api/report", { ...request(trials), session: null }));
    download("report.svg", "image/svg+xml", await post("/api/svg", { ...request(trials), session: null }));
  });
  $("download-samples").addEventListener("click", async () => {
    try {
      const response = await fetch("/api/samples", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...request(Math.min(Number($("trials").value), 200000)), session: null }) });
      if (!response.ok) { showError((await response.json()).error); return; }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = "samples.npy";
      link.click();
    } catch (error) { showError(error.message); }
  });
  $("download-toml").addEventListener("click", () => download(state.file || "prior.toml", "application/toml", $("prior").value));
  $("save").addEventListener("click", async () => {
    if (!state.file) { download("prior.toml", "application/toml", $("prior").value); return; }
    const response = await fetch("/api/file", { method: "PUT", body: $("prior").value });
    const file = await response.json();
    if (!response.ok) { showError(file.error); return; }
    state.fileHash = file.sha256;
    state.savedText = file.text;
    $("copied").textContent = `saved ${file.name}`;
  });

  const fragment = new URLSearchParams(location.hash.slice(1));
  const fileResponse = await fetch("/api/file");
  let text;
  for (const key of ["seed", "trials", "method"]) if (fragment.has(key)) $(key).value = fragment.get(key);
  if (fragment.has("prior")) {
    text = await inflate(fragment.get("prior"));
  } else if (fileResponse.status === 200) {
    const file = await fileResponse.json();
    state.file = file.name;
    state.fileHash = file.sha256;
    state.savedText = file.text;
    text = file.text;
    setInterval(pollFile, 1000);
  } else {
    text = await (await fetch("/api/gallery/finnveden-2023")).text();
  }
  if (fileResponse.status === 200 && !state.file) state.file = (await fileResponse.json()).name;
  await load(text);
}

start();
