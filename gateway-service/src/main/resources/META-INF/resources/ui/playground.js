// The playground: a prompt form, the task's live state from its event stream, the image, cancel, feedback and
// the tenant's recent tasks. Every rule the form checks comes from GET /v1/models (the server's own limits);
// the server still checks everything and its problems are shown next to the field they name.
import { call, stream, describe, setUpSignIn, session, seconds, ApiError } from './api.js';

const $ = (id) => document.getElementById(id);
const REUSE_MS = 5000; // the same form sent again within this time reuses its Idempotency-Key
const FINAL = new Set(['succeeded', 'failed', 'rejected', 'cancelled', 'expired']);
const PROMPTS_KEY = 'heavyweight.prompts';
const TOPICS = {
  sexual: 'sexual content', minors: 'minors', violence: 'violence or gore', 'self-harm': 'self-harm',
  hate: 'hate', weapons: 'weapons or explosives', drugs: 'drugs',
};
const STAGES = [
  ['moderation_ms', 'Prompt check'], ['queue_wait_ms', 'Waiting for a GPU'], ['inference_ms', 'Generation'],
  ['image_moderation_ms', 'Image check'], ['upload_ms', 'Storing'], ['total_ms', 'Total'],
];
// Server field → the element that shows its error.
const FIELD_ELEMENTS = { width: 'size', height: 'size', priority: 'priority', body: 'form' };

let catalogue = null;
let last = null; // {fingerprint, key, body, at}
let current = null; // {id, doc, controller, lastEventId}
let ticker = null;
let nextCursor = null;

setUpSignIn({ onSignedIn: start });

async function start() {
  $('app').hidden = false;
  try {
    catalogue = (await call('/v1/models')).data;
  } catch (e) {
    return signedOutOr(e, () => showFormError(`The model list could not be loaded: ${describe(e)}`));
  }
  fillModels();
  $('model').addEventListener('change', fillSizes);
  $('seed-random').addEventListener('change', () => {
    $('seed').disabled = $('seed-random').checked;
    if (!$('seed').disabled) $('seed').focus();
  });
  $('generate').addEventListener('submit', onSubmit);
  $('cancel').addEventListener('click', onCancel);
  $('thumbs-up').addEventListener('click', () => sendFeedback({ accepted: true }));
  $('thumbs-down').addEventListener('click', () => sendFeedback({ accepted: false }));
  for (const radio of document.querySelectorAll('input[name=rating]')) {
    radio.addEventListener('change', () => sendFeedback({ rating: Number(radio.value) }));
  }
  $('more').addEventListener('click', () => loadGallery(nextCursor));
  loadGallery(null);
}

function signedOutOr(error, otherwise) {
  if (error instanceof ApiError && error.status === 401) {
    session.signOut();
    location.reload();
    return;
  }
  otherwise();
}

function fillModels() {
  const select = $('model');
  select.replaceChildren(...catalogue.data.map((m) => new Option(m.name, m.name, m.default, m.default)));
  fillSizes();
}

function model() {
  return catalogue.data.find((m) => m.name === $('model').value);
}

function fillSizes() {
  const m = model();
  const sizes = [];
  for (let s = m.min_size; s <= m.max_size; s += m.size_multiple * 2) sizes.push(s);
  if (!sizes.includes(m.default_size)) sizes.push(m.default_size);
  if (!sizes.includes(m.max_size)) sizes.push(m.max_size);
  sizes.sort((a, b) => a - b);
  $('size').replaceChildren(...sizes.map((s) => new Option(`${s} × ${s}`, `${s}x${s}`, s === m.default_size, s === m.default_size)));
  $('steps').min = m.min_steps;
  $('steps').max = m.max_steps;
  $('steps').value = m.default_steps;
  $('steps-help').textContent = `${m.min_steps}–${m.max_steps}; more steps take longer.`;
}

/** The form as the API's request body, with the random seed (if any) drawn later. */
function formValues() {
  const [width, height] = $('size').value.split('x').map(Number);
  return {
    prompt: $('prompt').value,
    negative_prompt: $('negative_prompt').value,
    model: $('model').value,
    width, height,
    steps: $('steps').value,
    seedRandom: $('seed-random').checked,
    seed: $('seed').value,
    priority: document.querySelector('input[name=priority]:checked')?.value,
  };
}

/** The server's rules (GenerationRequestValidator), with its wording. */
function check(v) {
  const errors = [];
  const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
  const tooLong = (t) => [...t].length > catalogue.limits.max_prompt_chars;
  const controlMessage = 'must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return)';
  if (v.prompt === '') errors.push({ field: 'prompt', message: 'is required' });
  else if (controls.test(v.prompt)) errors.push({ field: 'prompt', message: controlMessage });
  else if (!/[^\s\p{Cf}\p{Zs}]/u.test(v.prompt)) errors.push({ field: 'prompt', message: 'must not be empty or blank' });
  else if (tooLong(v.prompt)) errors.push({ field: 'prompt', message: `must be at most ${catalogue.limits.max_prompt_chars} characters` });
  if (controls.test(v.negative_prompt)) errors.push({ field: 'negative_prompt', message: controlMessage });
  else if (tooLong(v.negative_prompt)) errors.push({ field: 'negative_prompt', message: `must be at most ${catalogue.limits.max_prompt_chars} characters` });
  const m = model();
  if (!/^\d+$/.test(v.steps) || Number(v.steps) < m.min_steps || Number(v.steps) > m.max_steps) {
    errors.push({ field: 'steps', message: `must be between ${m.min_steps} and ${m.max_steps}` });
  }
  if (!v.seedRandom && (!/^\d+$/.test(v.seed) || Number(v.seed) > catalogue.limits.max_seed)) {
    errors.push({ field: 'seed', message: `must be between 0 and ${catalogue.limits.max_seed}` });
  }
  return errors;
}

function clearErrors() {
  for (const el of document.querySelectorAll('#generate .error')) el.textContent = '';
  for (const el of document.querySelectorAll('#generate [aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showErrors(errors) {
  let first = null;
  for (const { field, message } of errors) {
    const target = FIELD_ELEMENTS[field] || field;
    const box = $(`${target}-error`);
    if (!box) {
      showFormError(`${field} ${message}`);
      continue;
    }
    box.textContent = box.textContent ? `${box.textContent}; ${field} ${message}` : `${label(target)} ${message}`;
    const input = target === 'priority' ? document.querySelector('input[name=priority]') : $(target);
    input?.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  first?.focus();
}

function label(target) {
  return { prompt: 'The prompt', negative_prompt: 'The negative prompt', model: 'The model', size: 'The size',
    steps: 'Steps', seed: 'The seed', priority: 'The lane' }[target] || target;
}

function showFormError(text) {
  $('form-error').textContent = text;
}

async function onSubmit(event) {
  event.preventDefault();
  const button = $('submit');
  if (button.disabled) return;
  clearErrors();
  const values = formValues();
  // data-client-checks="off" (set only by BrowserIT) sends the form unchecked, to show the server's own problems.
  if ($('generate').dataset.clientChecks !== 'off') {
    const errors = check(values);
    if (errors.length > 0) {
      showErrors(errors);
      return;
    }
  }
  const fingerprint = JSON.stringify(values);
  const now = Date.now();
  let request;
  if (last && last.fingerprint === fingerprint && now - last.at < REUSE_MS) {
    request = last; // the same form again: the same key and body, so the gateway answers with the same task
  } else {
    const body = {
      prompt: values.prompt, model: values.model, width: values.width, height: values.height,
      steps: Number.isNaN(Number(values.steps)) || values.steps === '' ? values.steps : Number(values.steps),
      priority: values.priority,
      seed: values.seedRandom ? Math.floor(Math.random() * 2 ** 32) : (values.seed === '' ? values.seed : Number(values.seed)),
    };
    if (values.negative_prompt !== '') body.negative_prompt = values.negative_prompt;
    request = { fingerprint, key: crypto.randomUUID(), body };
  }
  request.at = now;
  last = request;
  button.disabled = true;
  button.textContent = 'Sending…';
  try {
    const answer = await call('/v1/generations', { method: 'POST', body: request.body, headers: { 'Idempotency-Key': request.key } });
    rememberPrompt(answer.data.id, values.prompt);
    show(answer.data, answer.headers.get('Idempotent-Replayed') === 'true'
      ? 'You sent this same form a moment ago: this is that image. Change something to make another.' : '');
    loadGallery(null);
  } catch (e) {
    signedOutOr(e, () => {
      if (e.fieldErrors.length > 0) showErrors(e.fieldErrors);
      else showFormError(describe(e));
    });
  } finally {
    button.disabled = false;
    button.textContent = 'Generate';
  }
}

function rememberPrompt(id, prompt) {
  const prompts = JSON.parse(sessionStorage.getItem(PROMPTS_KEY) || '{}');
  prompts[id] = prompt;
  sessionStorage.setItem(PROMPTS_KEY, JSON.stringify(prompts));
}

function knownPrompt(id) {
  return JSON.parse(sessionStorage.getItem(PROMPTS_KEY) || '{}')[id];
}

/** Makes {@code doc} the task on show and follows it until it ends. */
function show(doc, note = '') {
  if (current?.id !== doc.id) {
    current?.controller.abort();
    current = { id: doc.id, doc, controller: new AbortController(), lastEventId: null, imageShown: false,
      galleryRefreshed: FINAL.has(doc.state), note: '' };
    resetFeedback();
    $('result').hidden = true;
    follow(current);
  }
  if (note) current.note = note;
  $('current').hidden = false;
  render(doc);
}

async function follow(task) {
  let failures = 0;
  while (!task.controller.signal.aborted && !FINAL.has(task.doc.state)) {
    try {
      await stream(`/v1/generations/${task.id}/events`, {
        lastEventId: task.lastEventId,
        signal: task.controller.signal,
        onEvent: (e) => {
          failures = 0;
          task.lastEventId = e.id || task.lastEventId;
          const doc = JSON.parse(e.data);
          if (current === task) render(doc);
          task.doc = doc;
        },
      });
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return signedOutOr(e, () => {});
      failures += 1;
      if (current === task) $('wait').textContent = `Live status interrupted (${describe(e)}); reconnecting…`;
      await new Promise((r) => setTimeout(r, Math.min(8000, 500 * 2 ** failures)));
      try {
        task.doc = (await call(`/v1/generations/${task.id}`)).data; // catch up, in case the stream stays away
        if (current === task) render(task.doc);
      } catch { /* the next round retries */ }
    }
  }
}

function render(doc) {
  current.doc = doc;
  $('task-id').textContent = doc.id;
  const order = ['accepted', 'queued', 'running', 'done'];
  const step = FINAL.has(doc.state) ? 'done' : doc.state;
  for (const li of $('progress').children) {
    const i = order.indexOf(li.dataset.step);
    li.classList.toggle('passed', i < order.indexOf(step));
    li.classList.toggle('now', li.dataset.step === step);
    if (li.dataset.step === step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  }
  $('state').textContent = stateWords(doc);
  $('outcome').textContent = current.note || (['failed', 'rejected', 'expired'].includes(doc.state) ? reasonWords(doc) : '');
  $('outcome').className = `outcome ${doc.state}`;
  $('cancel').hidden = FINAL.has(doc.state);
  tick();
  clearInterval(ticker);
  if (!FINAL.has(doc.state)) ticker = setInterval(tick, 1000);
  if (FINAL.has(doc.state)) showTimings(doc.timings); else $('timings').hidden = true;
  if (doc.state === 'succeeded') {
    showImage(doc);
    $('feedback').hidden = false;
  } else {
    $('feedback').hidden = true;
  }
  if (FINAL.has(doc.state) && !current.galleryRefreshed) {
    current.galleryRefreshed = true;
    loadGallery(null);
  }
}

function stateWords(doc) {
  switch (doc.state) {
    case 'accepted': return 'Accepted: checking the prompt.';
    case 'queued': return `Queued in the ${doc.priority} lane: waiting for a free GPU.`;
    case 'running': return 'Generating on a GPU…';
    case 'succeeded': return 'Done.';
    case 'cancelled': return 'Cancelled.';
    case 'rejected': return 'Not generated.';
    case 'expired': return 'Expired.';
    default: return 'Failed.';
  }
}

function reasonWords(doc) {
  const flagged = (doc.moderation?.topics || []).filter((t) => t.flagged).map((t) => TOPICS[t.topic] || t.topic);
  const about = flagged.length > 0 ? ` (${flagged.join(', ')})` : '';
  switch (doc.reason) {
    case 'prompt_blocked': return `Content moderation stopped this prompt: it asks for something this service does not make${about}. Try a different prompt.`;
    case 'prompt_unassessed': return 'This prompt could not be checked (for example, a language the checks do not understand), so nothing was generated.';
    case 'image_blocked': return `The image was made but withheld: image moderation found${about || ' something this service does not show'}.`;
    case 'image_unassessed': return 'The image was made but could not be checked, so it was withheld. Try again later.';
    case 'inference_failed': return 'The GPU could not make this image. Try again.';
    case 'bad_model_output': return 'The model returned something that is not an image. Try again.';
    case 'upload_failed': return 'The image could not be stored. Try again.';
    case 'deadline_exceeded': return 'It waited longer than its deadline, so it was given up. Try again, perhaps in the interactive lane.';
    default: return doc.reason_detail || doc.reason || 'The generation failed.';
  }
}

function tick() {
  const doc = current?.doc;
  if (!doc) return;
  const since = (at) => (Date.now() - Date.parse(at)) / 1000;
  if (doc.state === 'queued' && doc.queued_at) $('wait').textContent = `Waiting for ${seconds(Math.max(0, since(doc.queued_at)))}.`;
  else if (doc.state === 'running' && doc.started_at) $('wait').textContent = `Running for ${seconds(Math.max(0, since(doc.started_at)))}.`;
  else $('wait').textContent = '';
}

function showTimings(t) {
  if (!t) return;
  const dl = $('timings');
  dl.replaceChildren();
  for (const [key, name] of STAGES) {
    if (!t[key] && key !== 'total_ms') continue;
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = seconds(t[key] / 1000);
    dl.append(dt, dd);
  }
  dl.hidden = false;
}

async function showImage(doc) {
  if (current.imageShown) return;
  current.imageShown = true;
  const task = current;
  try {
    const response = await fetch(doc.image_url, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${session.token()}` },
    });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    const src = (response.headers.get('Content-Type') || '').includes('json')
      ? (await response.json()).url
      : URL.createObjectURL(await response.blob()); // image-delivery=stream: the PNG itself
    if (current !== task) return;
    const img = $('result-image');
    img.src = src;
    const prompt = knownPrompt(doc.id);
    img.alt = prompt ? `Generated image: ${prompt}` : `Generated image ${doc.id}`;
    $('result-caption').textContent = `${doc.model} · ${doc.width} × ${doc.height} · ${doc.steps} steps · seed ${doc.seed}`;
    $('result').hidden = false;
  } catch (e) {
    task.imageShown = false;
    $('outcome').textContent = `The image could not be loaded: ${describe(e)}`;
  }
}

async function onCancel() {
  const task = current;
  const button = $('cancel');
  button.disabled = true;
  try {
    const doc = (await call(`/v1/generations/${task.id}/cancel`, { method: 'POST' })).data;
    if (current === task) render(doc);
  } catch (e) {
    signedOutOr(e, () => { $('outcome').textContent = describe(e); });
  } finally {
    button.disabled = false;
  }
}

function resetFeedback() {
  current.feedback = {};
  $('thumbs-up').setAttribute('aria-pressed', 'false');
  $('thumbs-down').setAttribute('aria-pressed', 'false');
  for (const radio of document.querySelectorAll('input[name=rating]')) radio.checked = false;
  $('feedback-status').textContent = '';
}

async function sendFeedback(change) {
  const task = current;
  const wanted = { ...task.feedback, ...change };
  $('feedback-status').textContent = 'Saving…';
  try {
    const saved = (await call(`/v1/generations/${task.id}/feedback`, { method: 'POST', body: wanted })).data;
    task.feedback = wanted;
    if (current !== task) return;
    $('thumbs-up').setAttribute('aria-pressed', String(saved.accepted === true));
    $('thumbs-down').setAttribute('aria-pressed', String(saved.accepted === false));
    $('feedback-status').textContent = 'Thank you: your feedback is saved.';
  } catch (e) {
    signedOutOr(e, () => { $('feedback-status').textContent = `Not saved: ${describe(e)}`; });
  }
}

async function loadGallery(cursor) {
  const query = new URLSearchParams({ limit: '12' });
  if (cursor) query.set('cursor', cursor);
  try {
    const page = (await call(`/v1/generations?${query}`)).data;
    const items = page.data.map(galleryItem);
    if (cursor) $('gallery').append(...items); else $('gallery').replaceChildren(...items);
    nextCursor = page.next_cursor;
    $('more').hidden = !nextCursor;
    $('gallery-error').textContent = '';
    if (!cursor && page.data.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'Nothing yet: your images appear here.';
      $('gallery').replaceChildren(empty);
    }
  } catch (e) {
    signedOutOr(e, () => { $('gallery-error').textContent = `Recent images could not be loaded: ${describe(e)}`; });
  }
}

function galleryItem(doc) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `item ${doc.state}`;
  button.dataset.id = doc.id;
  const state = document.createElement('span');
  state.className = `badge ${doc.state}`;
  state.textContent = doc.state;
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = knownPrompt(doc.id) || `Task ${doc.id.slice(0, 8)}`;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${doc.model} · ${doc.width} × ${doc.height} · ${doc.priority} · ${new Date(doc.created_at).toLocaleString()}`;
  button.append(state, title, meta);
  button.setAttribute('aria-label', `${title.textContent}, ${doc.state}, ${meta.textContent}: open`);
  button.addEventListener('click', async () => {
    try {
      show((await call(`/v1/generations/${doc.id}`)).data);
      $('current').scrollIntoView({ behavior: 'smooth', block: 'start' });
      $('current-title').focus({ preventScroll: true });
    } catch (e) {
      signedOutOr(e, () => { $('gallery-error').textContent = describe(e); });
    }
  });
  li.append(button);
  return li;
}
