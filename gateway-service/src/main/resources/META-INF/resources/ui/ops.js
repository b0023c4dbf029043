// The operations page: nodes from the balancer (drain, undrain), backlog per lane, tasks of the last hour, cost
// and kcal per image. Everything comes from the gateway's /v1/admin API, so a token without the admin role sees
// nothing but the reason. Refreshes every REFRESH_MS; every action reports its result or its error.
import { call, describe, setUpSignIn, session, seconds, ApiError } from './api.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 5000;
const STATE_WORDS = {
  ready: 'ready', joining: 'joining (not yet polled)', readmitting: 'readmitting (on probation)',
  ejected: 'ejected (failing)', draining: 'draining (no new work)',
};
let timer = null;
let busy = false;

setUpSignIn({ onSignedIn: start });

function start() {
  $('app').hidden = false;
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  const results = await Promise.allSettled([
    call('/v1/admin/nodes'), call('/v1/admin/operations'), call('/v1/admin/economics'),
  ]);
  const denied = results.find((r) => r.status === 'rejected' && r.reason instanceof ApiError
    && (r.reason.status === 401 || r.reason.status === 403));
  if (denied) {
    if (denied.reason.status === 401) {
      session.signOut();
      location.reload();
      return;
    }
    $('app').hidden = true;
    $('forbidden').hidden = false;
    $('forbidden').textContent = 'This page needs a token with the admin role; the gateway refused yours. '
      + 'Sign out and sign in with an admin token (dev/token <tenant> --admin).';
    return; // no refresh: nothing here will change for this token
  }
  const [nodes, operations, economics] = results;
  if (nodes.status === 'fulfilled') {
    $('nodes-error').textContent = '';
    renderNodes(nodes.value.data.nodes);
  } else {
    $('nodes-error').textContent = `Nodes could not be read: ${describe(nodes.reason)}`;
  }
  if (operations.status === 'fulfilled') {
    $('queues-error').textContent = '';
    $('states-error').textContent = '';
    renderQueues(operations.value.data, nodes.status === 'fulfilled' ? nodes.value.data.queue : null);
    renderStates(operations.value.data.states);
  } else {
    $('queues-error').textContent = `Queues could not be read: ${describe(operations.reason)}`;
    $('states-error').textContent = $('queues-error').textContent;
  }
  if (economics.status === 'fulfilled') {
    $('economics-error').textContent = '';
    renderEconomics(economics.value.data);
  } else {
    $('economics-error').textContent = `The economics report is not available: ${describe(economics.reason)}`;
  }
  $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every ${REFRESH_MS / 1000} s.`;
  timer = setTimeout(refresh, REFRESH_MS);
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderNodes(nodes) {
  const rows = nodes.map((node) => {
    const tr = document.createElement('tr');
    tr.dataset.node = node.address;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = node.address;
    const service = Object.entries(node.service_time_seconds || {})
      .map(([model, s]) => `${model}: ${seconds(s)}`).join('\n');
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    const draining = node.state === 'draining';
    button.textContent = draining ? 'Undrain' : 'Drain';
    button.className = draining ? '' : 'danger';
    button.setAttribute('aria-label', `${button.textContent} ${node.address}`);
    button.disabled = busy;
    button.addEventListener('click', () => drain(node.address, !draining));
    action.append(button);
    tr.append(name, cell(STATE_WORDS[node.state] || node.state, `state ${node.state}`),
      cell(`${node.in_flight} / ${node.slots}`), cell(service || '–', 'pre'), cell(String(node.dispatched)),
      cell(String(node.failed)), cell(String(node.ejections ?? 0)), action);
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell('The balancer knows no node.');
    td.colSpan = 8;
    tr.append(td);
    rows.push(tr);
  }
  $('nodes').tBodies[0].replaceChildren(...rows);
}

function renderQueues(report, balancerQueue) {
  const rows = Object.entries(report.lanes).map(([lane, l]) => {
    const tr = document.createElement('tr');
    tr.dataset.lane = lane;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = lane;
    tr.append(name, cell(String(l.accepted)), cell(String(l.queued)), cell(String(l.running)),
      cell(l.oldest_wait_seconds == null ? '–' : seconds(l.oldest_wait_seconds)),
      cell(balancerQueue ? String(balancerQueue[lane] ?? 0) : '–'));
    return tr;
  });
  $('queues').tBodies[0].replaceChildren(...rows);
}

function renderStates(states) {
  const items = [];
  for (const [state, count] of Object.entries(states)) {
    const dt = document.createElement('dt');
    dt.textContent = state;
    const dd = document.createElement('dd');
    dd.textContent = String(count);
    dd.dataset.state = state;
    items.push(dt, dd);
  }
  $('states').replaceChildren(...items);
}

function renderEconomics(report) {
  const money = (v) => (v == null ? '–' : `${v.toFixed(6)} ${report.currency}`);
  const rows = [
    ['Images', String(report.images)],
    ['Cost per image', money(report.cost_per_image)],
    ['kcal per image', report.kcal_per_image == null ? '–' : report.kcal_per_image.toFixed(4)],
    ['GPU utilisation', report.utilisation == null ? '–' : `${(report.utilisation * 100).toFixed(1)} %`],
    ['Fleet cost', money(report.cost)],
  ];
  $('economics').replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
}

function confirm(title, text, yes) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = yes;
  dialog.returnValue = '';
  dialog.showModal();
  $('confirm-no').focus();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

async function drain(address, drained) {
  const ok = await confirm(drained ? `Drain ${address}?` : `Undrain ${address}?`,
    drained ? 'It takes no new work; requests in flight finish. Work moves to the other nodes.'
      : 'It takes work again as soon as it is healthy.',
    drained ? 'Drain' : 'Undrain');
  if (!ok) {
    $('action-status').textContent = `Nothing changed: ${address} left as it was.`;
    return;
  }
  busy = true;
  $('action-status').textContent = `${drained ? 'Draining' : 'Undraining'} ${address}…`;
  try {
    const node = (await call(`/v1/admin/nodes/${encodeURIComponent(address)}/drain`, { method: drained ? 'POST' : 'DELETE' })).data;
    $('action-status').textContent = `${address} is now ${STATE_WORDS[node.state] || node.state}.`;
  } catch (e) {
    $('action-status').textContent = `Could not ${drained ? 'drain' : 'undrain'} ${address}: ${describe(e)}`;
  } finally {
    busy = false;
    refresh();
  }
}
