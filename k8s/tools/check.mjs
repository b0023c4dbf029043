// Validates rendered kustomize overlays: schema (kubernetes-models) + Heavyweight's own rules.
// Usage: node check.mjs <repo-root> <overlay-name>=<rendered.yaml> ... [--self-test]
// Prints one line per violation; exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const selfTest = args.includes('--self-test');
const root = args.find(a => !a.includes('=') && !a.startsWith('--'));
const overlays = args.filter(a => a.includes('=')).map(a => a.split('='));

// ---------- schema validation ----------
const PACKAGES = { 'keda.sh': '@kubernetes-models/keda', 'monitoring.coreos.com': '@kubernetes-models/prometheus-operator' };
const moduleCache = new Map();
async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const pkg = PACKAGES[group] ?? 'kubernetes-models';
  const spec = `${pkg}/${apiVersion}`;
  if (!moduleCache.has(spec)) {
    try { moduleCache.set(spec, await import(spec)); } catch { moduleCache.set(spec, null); }
  }
  return moduleCache.get(spec)?.[kind];
}
async function validateSchemas(docs, report) {
  for (const d of docs) {
    const Model = await modelFor(d.apiVersion ?? '', d.kind ?? '');
    if (!Model) { report('schema', `${id(d)}: unknown kind ${d.apiVersion}/${d.kind}`); continue; }
    try { new Model(d).validate(); } catch (e) {
      const details = (e.errors ?? []).map(x => `${x.instancePath || '/'} ${x.message}${x.params?.additionalProperty ? ' (' + x.params.additionalProperty + ')' : ''}`);
      report('schema', `${id(d)}: ${details.length ? details.join('; ') : e.message}`);
    }
    for (const field of unknownFields(d)) report('schema', `${id(d)}: unknown field ${field} (kubectl apply --validate=strict refuses it)`);
  }
}

// The packages' compiled validators allow fields the API does not know (a misspelt "readinesProbe" passes), while
// the API server's strict field validation refuses them. Their TypeScript declarations list every field of every
// type: walk each object along them and report what no type declares.
const NODE_MODULES = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules');
const dtsCache = new Map();
function dtsFile(file) {
  if (dtsCache.has(file)) return dtsCache.get(file);
  const parsed = { imports: new Map(), aliases: new Map(), interfaces: new Map(), dir: path.dirname(file) };
  dtsCache.set(file, parsed);
  if (!fs.existsSync(file)) return parsed;
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g))
    for (const n of m[1].split(',').map(x => x.trim()).filter(Boolean)) parsed.imports.set(n, m[2]);
  for (const m of text.matchAll(/export type \{([^}]*)\}/g))
    for (const pair of m[1].split(',')) { const [a, b] = pair.split(/\s+as\s+/).map(x => x.trim()); if (b) parsed.aliases.set(b, a); }
  for (const m of text.matchAll(/export interface (\w+)(?:\s+extends\s+([\w, ]+))?\s*\{/g)) {
    let i = m.index + m[0].length, depth = 1, start = i;
    const props = new Map();
    for (; i < text.length && depth > 0; i++) {
      const ch = text[i];
      if (ch === '{' || ch === '<' || ch === '(') depth++;
      else if (ch === '}' || ch === '>' || ch === ')') depth--;
      if ((ch === ';' && depth === 1) || depth === 0) {
        const entry = text.slice(start, i).trim();
        const pm = entry.match(/^"([^"]+)"\??\s*:\s*([\s\S]+)$/);
        if (pm) props.set(pm[1], pm[2].trim());
        start = i + 1;
      }
    }
    parsed.interfaces.set(m[1], { props, extends: (m[2] ?? '').split(',').map(x => x.trim()).filter(Boolean) });
  }
  return parsed;
}
function resolveSpec(dir, spec) {
  const base = spec.startsWith('.') ? path.resolve(dir, spec) : path.join(NODE_MODULES, spec);
  return base.replace(/\.js$/, '') + '.d.ts';
}
// The interface a type name means in a file: {props, extends, file} or null (a primitive, a union, unknown).
function lookup(file, name, seen = 0) {
  if (seen > 8) return null;
  const f = dtsFile(file);
  const local = f.aliases.get(name) ?? name;
  if (f.interfaces.has(local)) return { ...f.interfaces.get(local), file };
  if (f.imports.has(name)) return lookup(resolveSpec(f.dir, f.imports.get(name)), name, seen + 1);
  return null;
}
function unknownFields(doc) {
  const [group, version] = (doc.apiVersion ?? '').includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const pkg = PACKAGES[group] ?? 'kubernetes-models';
  const file = path.join(NODE_MODULES, pkg, group ? `${group}/${version}` : version ?? '', `${doc.kind}.d.ts`);
  const top = lookup(file, 'I' + doc.kind);
  const found = [];
  if (top) walkType(doc, top, '', found);
  return found;
}
function fieldsOf(iface) {
  const all = new Map(iface.props);
  for (const parent of iface.extends) {
    if (parent === 'TypeMeta') { all.set('apiVersion', 'string'); all.set('kind', 'string'); continue; }
    const p = lookup(iface.file, parent);
    if (!p) return null; // a parent we cannot read: do not guess
    for (const [k, v] of fieldsOf(p) ?? []) all.set(k, v);
  }
  return all;
}
function walkValue(value, type, file, where, found) {
  type = type.replace(/\s+/g, ' ').trim();
  let m;
  if ((m = type.match(/^Array<(.+)>$/))) {
    if (Array.isArray(value)) value.forEach((v, i) => walkValue(v, m[1], file, `${where}[${i}]`, found));
  } else if ((m = type.match(/^\{ \[key: string\]: (.+?);? \}$/))) {
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkValue(v, m[1], file, `${where}.${k}`, found);
  } else if (/^\w+$/.test(type)) {
    const iface = lookup(file, type);
    if (iface && value && typeof value === 'object' && !Array.isArray(value)) walkType(value, iface, where, found);
  }
}
function walkType(obj, iface, where, found) {
  const fields = fieldsOf(iface);
  if (!fields) return;
  for (const [k, v] of Object.entries(obj)) {
    if (!fields.has(k)) { found.push(`${where}.${k}`.replace(/^\./, '')); continue; }
    walkValue(v, fields.get(k), iface.file, `${where}.${k}`, found);
  }
}

// ---------- sources of each service ----------
// The images dev/images builds (dev/lib/images.sh): the names and the tag the local overlay must use.
const IMAGES_SH = fs.readFileSync(path.join(root, 'dev/lib/images.sh'), 'utf8');
const SERVICES = (IMAGES_SH.match(/^IMG_SERVICES=\(([^)]*)\)/m) ?? [, ''])[1].trim().split(/\s+/).filter(Boolean);
const DEV_IMAGE_TAG = (IMAGES_SH.match(/"heavyweight\/\$svc:([\w.-]+)"/) ?? [])[1];
if (SERVICES.length !== 6 || !DEV_IMAGE_TAG) throw new Error('cannot read IMG_SERVICES and the image tag from dev/lib/images.sh');
function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else if (e.name.endsWith('.java')) out.push(p);
  }
  return out;
}
const sourceCache = new Map();
function sourcesOf(module) {
  if (sourceCache.has(module)) return sourceCache.get(module);
  const pom = fs.readFileSync(path.join(root, module, 'pom.xml'), 'utf8');
  const modules = [module];
  for (const lib of ['messaging', 'admin-access']) if (pom.includes(`<artifactId>${lib}</artifactId>`)) modules.push(lib);
  const props = new Set();
  const java = [];
  for (const m of modules) {
    const pf = path.join(root, m, 'src/main/resources/application.properties');
    if (fs.existsSync(pf)) {
      for (const line of fs.readFileSync(pf, 'utf8').split('\n')) {
        const t = line.trim();
        if (!t || t.startsWith('#') || !t.includes('=')) continue;
        props.add(t.slice(0, t.indexOf('=')).trim().replace(/^%[^.]+\./, '').toLowerCase());
      }
    }
    for (const f of walk(path.join(root, m, 'src/main/java'))) java.push({ file: f, text: fs.readFileSync(f, 'utf8') });
  }
  const s = { props, java, modules };
  sourceCache.set(module, s);
  return s;
}
const camel = seg => seg.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
// Does dotted key K exist in the module: (1) a key of application.properties (any profile),
// (2) a string literal in Java (@ConfigProperty(name = "...")), or (3) a path through a
// @ConfigMapping interface: prefix, then each segment a method (kebab → camelCase) or an @WithName
// value; after a Map-returning method any remaining segments are map keys.
function keyExists(src, key) {
  if (src.props.has(key)) return 'application.properties';
  for (const j of src.java) if (j.text.includes(`"${key}"`)) return path.relative(root, j.file);
  for (const j of src.java) {
    for (const m of j.text.matchAll(/@ConfigMapping\s*\(\s*prefix\s*=\s*"([^"]+)"/g)) {
      const prefix = m[1];
      if (!key.startsWith(prefix + '.')) continue;
      if (resolveSegments(src, j, key.slice(prefix.length + 1).split('.'))) return path.relative(root, j.file);
    }
  }
  return null;
}
function resolveSegments(src, home, segs) {
  const files = [home, ...src.java.filter(j => j !== home)];
  let i = 0;
  outer: while (i < segs.length) {
    for (const f of files) {
      for (const w of f.text.matchAll(/@WithName\s*\(\s*"([^"]+)"\s*\)\s*(?:@\w+(?:\([^)]*\))?\s*)*([^;(]*)\(/g)) {
        const parts = w[1].split('.');
        if (parts.every((p, k) => segs[i + k] === p)) {
          if (/Map</.test(w[2])) return true;
          i += parts.length; continue outer;
        }
      }
    }
    const re = new RegExp(`^\\s*([^\\n;=]*?)\\b${camel(segs[i])}\\s*\\(\\s*\\)\\s*;`, 'm');
    const hit = files.map(f => f.text.match(re)).find(Boolean);
    if (!hit) return false;
    if (/Map</.test(hit[1])) return true;
    i++;
  }
  return true;
}
// Quarkus env naming: a property's env name replaces every non-alphanumeric character by '_' and
// upper-cases it. The reverse is ambiguous: each '_' was '.', '-' or '_' — every candidate is tried.
function candidates(envName) {
  const parts = envName.toLowerCase().split('_');
  let out = [parts[0]];
  for (const p of parts.slice(1)) {
    const next = [];
    for (const o of out) for (const sep of ['.', '-', '_']) next.push(o + sep + p);
    out = next;
    if (out.length > 200000) break;
  }
  return out;
}
function envKeyExists(module, envName) {
  const src = sourcesOf(module);
  const all = candidates(envName);
  // a literal key of application.properties wins over a path through a @ConfigMapping (map keys match anything)
  for (const c of all) if (src.props.has(c)) return { key: c, where: 'application.properties' };
  for (const c of all) { const where = keyExists(src, c); if (where) return { key: c, where }; }
  return null;
}

// ---------- helpers ----------
const id = d => `${d.kind}/${d.metadata?.namespace ? d.metadata.namespace + '/' : ''}${d.metadata?.name}`;
const imageName = img => img.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
const imageTag = img => (img.match(/:([^/:@]+)$/) ?? [])[1];
const moduleOf = img => { const n = imageName(img).split('/').pop(); return SERVICES.includes(n) ? n : null; };
const isTriton = img => imageName(img) === 'nvcr.io/nvidia/tritonserver';
const matches = (sel, labels) => Object.entries(sel ?? {}).every(([k, v]) => labels?.[k] === v);
const durationSeconds = s => {
  const m = String(s).match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/i);
  if (!m) return NaN;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase()]);
};
const SECRETISH = /(PASSWORD|SECRET|API_KEY|ACCESS_KEY|TOKEN|CREDENTIAL)/;
// third-party images allowed in init containers (copying model weights from S3 into a volume)
const INIT_IMAGES = ['amazon/aws-cli'];

function lanesAndQueues() {
  const c = p => fs.readFileSync(path.join(root, 'contracts/src/main/java/dev/heavyweight/contracts/messages', p), 'utf8');
  const lane = [...c('Lane.java').matchAll(/^\s*([A-Z_]+)\("([^"]+)",\s*"([^"]+)"\)/gm)].map(m => ({ lane: m[2], queue: m[3] }));
  const topo = [...c('Topology.java').matchAll(/String\s+\w*QUEUE\w*\s*=\s*"([^"]+)"/g)].map(m => m[1]);
  return { lanes: lane, queues: new Set([...lane.map(l => l.queue), ...topo]) };
}
function balancerMetricNames() {
  const f = walk(path.join(root, 'balancer/src/main/java')).find(p => p.endsWith('BalancerMetrics.java'));
  const text = fs.readFileSync(f, 'utf8');
  const prefix = (text.match(/PREFIX\s*=\s*"([^"]+)"/) ?? [])[1] ?? '';
  const names = new Set();
  for (const m of text.matchAll(/(Gauge|FunctionCounter|Counter|Timer)\.builder\(\s*PREFIX\s*\+\s*"([^"]+)"/g)) {
    const base = (prefix + m[2]).replace(/\./g, '_');
    if (m[1] === 'Gauge') names.add(base);
    else if (m[1] === 'Timer') for (const s of ['_count', '_sum', '_max', '_bucket']) names.add(base + '_seconds' + s);
    else names.add(base + '_total');
  }
  return names;
}

// ---------- own checks ----------
// What every container of a pod must have, init containers included: cpu and memory requests and limits, a
// non-root security context without privilege escalation on a read-only root filesystem, no secret-looking env
// from a literal or a ConfigMap, and volume mounts that name volumes of the pod.
function containerBasics(c, where, pod, volumes, configMaps, report) {
  for (const k of ['requests', 'limits']) for (const r of ['cpu', 'memory'])
    if (!c.resources?.[k]?.[r]) report('resources', `${where}: no resources.${k}.${r}`);
  const sc = c.securityContext ?? {};
  if (!(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) report('security', `${where}: runAsNonRoot is not true`);
  if (sc.allowPrivilegeEscalation !== false) report('security', `${where}: allowPrivilegeEscalation is not false`);
  if (sc.readOnlyRootFilesystem !== true) report('security', `${where}: readOnlyRootFilesystem is not true`);
  for (const e of envOf(c, configMaps)) {
    if (e.source === 'value' && SECRETISH.test(e.name)) report('secrets', `${where}: ${e.name} has a literal value; use secretKeyRef`);
    if (e.source === 'configMap' && SECRETISH.test(e.name)) report('secrets', `${where}: ${e.name} comes from ConfigMap ${e.from}; use secretKeyRef`);
  }
  for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) report('volumes', `${where}: mounts ${m.name}, which the pod does not define`);
}
function ownChecks(docs, overlay, report) {
  const of = kind => docs.filter(d => d.kind === kind);
  const deployments = of('Deployment');
  const configMaps = new Map(of('ConfigMap').map(c => [c.metadata.name, c]));
  const services = of('Service');
  const netpols = of('NetworkPolicy');

  if (of('Secret').length) report('secrets', `Secret objects in the tree (${of('Secret').map(id).join(', ')}): secrets are created out of band and referenced by secretKeyRef`);
  for (const d of docs) if (d.kind !== 'Namespace' && d.metadata?.namespace !== 'heavyweight') report('namespace', `${id(d)} is not in namespace heavyweight`);

  const expected = ['gateway-service', 'task-service', 'moderation-service', 'inference-worker', 'balancer', 'triton'];
  for (const n of expected) if (!deployments.some(d => d.metadata.name === n)) report('deployments', `missing Deployment ${n}`);

  for (const d of deployments) {
    const name = d.metadata.name;
    const pod = d.spec?.template?.spec ?? {};
    const podLabels = d.spec?.template?.metadata?.labels ?? {};
    const volumes = new Map((pod.volumes ?? []).map(v => [v.name, v]));
    if (!matches(d.spec?.selector?.matchLabels, podLabels)) report('deployments', `${id(d)}: selector does not match the pod labels`);
    // init containers (the model-weights fetch): a pinned third-party image, resources, the same security context
    for (const c of pod.initContainers ?? []) {
      const where = `${id(d)} initContainer ${c.name}`;
      const img = c.image ?? '';
      if (!INIT_IMAGES.includes(imageName(img))) report('images', `${where}: image ${img} is not one of the init images ${INIT_IMAGES.join(', ')}`);
      if (!imageTag(img) || imageTag(img) === 'latest') report('images', `${where}: image ${img} is not pinned to a tag`);
      containerBasics(c, where, pod, volumes, configMaps, report);
    }
    for (const c of pod.containers ?? []) {
      const where = `${id(d)} container ${c.name}`;
      containerBasics(c, where, pod, volumes, configMaps, report);
      const img = c.image ?? '';
      const module = moduleOf(img);
      if (!module && !isTriton(img)) report('images', `${where}: image ${img} is neither one of ${SERVICES.map(s => 'heavyweight/' + s).join(', ')} nor nvcr.io/nvidia/tritonserver`);
      if (!imageTag(img) || imageTag(img) === 'latest' && overlay === 'production') report('images', `${where}: image ${img} is not pinned to a tag`);
      if (overlay === 'local' && module && imageTag(img) !== DEV_IMAGE_TAG) report('images', `${where}: image ${img} is not what dev/images builds (heavyweight/${module}:${DEV_IMAGE_TAG})`);
      // probes
      const httpPort = (c.ports ?? []).find(p => p.name === 'http');
      const wantLive = isTriton(img) ? '/v2/health/live' : '/q/health/live';
      const wantReady = isTriton(img) ? '/v2/health/ready' : '/q/health/ready';
      for (const [probe, want] of [['livenessProbe', wantLive], ['readinessProbe', wantReady]]) {
        const g = c[probe]?.httpGet;
        if (!g) { report('probes', `${where}: no ${probe} (httpGet)`); continue; }
        if (g.path !== want) report('probes', `${where}: ${probe} path ${g.path}, expected ${want}`);
        if (!httpPort || (g.port !== 'http' && g.port !== httpPort.containerPort)) report('probes', `${where}: ${probe} is not on the HTTP port`);
      }
      if (module && httpPort) {
        const envs = envOf(c, configMaps);
        const portEnv = envs.find(e => e.name === 'QUARKUS_HTTP_PORT');
        const propPort = readProp(module, 'quarkus.http.port');
        const actual = Number(portEnv?.value ?? propPort);
        if (actual !== httpPort.containerPort) report('probes', `${where}: HTTP containerPort ${httpPort.containerPort} but the service listens on ${actual}`);
      }
      const tmp = (c.volumeMounts ?? []).find(m => m.mountPath === '/tmp');
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) report('security', `${where}: no emptyDir mounted on /tmp (read-only root filesystem)`);
      // configuration keys
      for (const e of envOf(c, configMaps)) {
        if (!module) continue;
        const hit = envKeyExists(module, e.name);
        if (hit && process.env.CHECK_VERBOSE) console.log(`  key ${module} ${e.name} -> ${hit.key} (${hit.where})`);
        if (!hit) report('config-keys', `${where}: ${e.name}${e.from ? ' (ConfigMap ' + e.from + ')' : ''} matches no property of ${module} (tried ${candidates(e.name).slice(0, 3).join(', ')}, …)`);
      }
      for (const ef of c.envFrom ?? []) {
        if (ef.secretRef) report('secrets', `${where}: envFrom secretRef ${ef.secretRef.name}; reference single keys with secretKeyRef`);
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) report('config-keys', `${where}: envFrom ConfigMap ${ef.configMapRef.name} is not in the tree`);
      }
      if (isTriton(img)) tritonChecks(d, c, configMaps, report);
    }
    // rollouts
    if (['inference-worker', 'balancer', 'task-service'].includes(name)) {
      const ru = d.spec?.strategy?.rollingUpdate;
      if (d.spec?.strategy?.type !== 'RollingUpdate' || ru?.maxUnavailable !== 0) report('rollout', `${id(d)}: rollingUpdate.maxUnavailable must be 0`);
    }
    if (name === 'inference-worker') workerDrainCheck(d, configMaps, report);
    // PDB
    if (!of('PodDisruptionBudget').some(p => matches(p.spec?.selector?.matchLabels, podLabels) && Object.keys(p.spec?.selector?.matchLabels ?? {}).length))
      report('pdb', `${id(d)}: no PodDisruptionBudget selects it`);
    // Service + ServiceMonitor
    const svc = services.find(s => Object.keys(s.spec?.selector ?? {}).length && matches(s.spec.selector, podLabels));
    if (!svc) { report('services', `${id(d)}: no Service selects it`); continue; }
    const sm = of('ServiceMonitor').find(m => matches(m.spec?.selector?.matchLabels, svc.metadata.labels));
    const wantPath = name === 'triton' ? '/metrics' : '/q/metrics';
    const wantPort = name === 'triton' ? 'metrics' : 'http';
    const ep = sm?.spec?.endpoints?.find(e => e.port === wantPort && (e.path ?? '/metrics') === wantPath);
    if (!ep) report('monitoring', `${id(d)}: no ServiceMonitor scrapes Service ${svc.metadata.name} port ${wantPort} ${wantPath}`);
    else if (!(svc.spec.ports ?? []).some(p => p.name === wantPort)) report('monitoring', `Service ${svc.metadata.name} has no port ${wantPort}`);
    if (name === 'triton') {
      const metricsPort = (svc.spec.ports ?? []).find(p => p.name === 'metrics');
      if (metricsPort?.port !== 8002) report('monitoring', `Service triton: metrics port is ${metricsPort?.port}, expected 8002`);
    }
  }

  // Triton headless + balancer DNS discovery
  const triton = services.find(s => s.metadata.name === 'triton');
  if (!triton) report('discovery', 'no Service triton');
  else if (triton.spec?.clusterIP !== 'None') report('discovery', 'Service triton is not headless (clusterIP: None)');
  const bal = deployments.find(d => d.metadata.name === 'balancer');
  if (bal) {
    const env = Object.fromEntries(envOf(bal.spec.template.spec.containers[0], configMaps).map(e => [e.name, e.value]));
    if (env.HEAVYWEIGHT_BALANCER_DISCOVERY !== 'dns') report('discovery', 'balancer: HEAVYWEIGHT_BALANCER_DISCOVERY is not dns');
    const [svcName, ns] = String(env.HEAVYWEIGHT_BALANCER_DNS_NAME ?? '').split('.');
    const target = services.find(s => s.metadata.name === svcName && (!ns || s.metadata.namespace === ns));
    if (!target) report('discovery', `balancer: HEAVYWEIGHT_BALANCER_DNS_NAME ${env.HEAVYWEIGHT_BALANCER_DNS_NAME} names no Service in the tree`);
    else {
      if (target.spec?.clusterIP !== 'None') report('discovery', `balancer: DNS name ${svcName} is not a headless Service (a ClusterIP has one A record)`);
      const port = Number(env.HEAVYWEIGHT_BALANCER_DNS_PORT ?? 8001);
      if (!(target.spec.ports ?? []).some(p => p.port === port)) report('discovery', `balancer: dns-port ${port} is not a port of Service ${svcName}`);
    }
  }

  // Ingress: gateway only
  const ingresses = of('Ingress');
  if (!ingresses.length) report('ingress', 'no Ingress for gateway-service');
  for (const ing of ingresses) {
    const backends = [ing.spec?.defaultBackend, ...(ing.spec?.rules ?? []).flatMap(r => (r.http?.paths ?? []).map(p => p.backend))].filter(Boolean);
    for (const b of backends) if (b.service?.name !== 'gateway-service') report('ingress', `${id(ing)} routes to ${b.service?.name ?? 'a resource backend'}; only gateway-service is exposed`);
  }
  for (const s of services) if (['LoadBalancer', 'NodePort'].includes(s.spec?.type) && s.metadata.name !== 'gateway-service') report('ingress', `${id(s)} is of type ${s.spec.type}`);

  networkChecks(deployments, netpols, report);
  scalingChecks(docs, deployments, configMaps, report);
}

function readProp(module, key) {
  const pf = path.join(root, module, 'src/main/resources/application.properties');
  const m = fs.readFileSync(pf, 'utf8').match(new RegExp(`^${key.replace(/\./g, '\\.')}\\s*=\\s*(.*)$`, 'm'));
  return m?.[1]?.trim();
}
function envOf(c, configMaps) {
  const out = [];
  for (const ef of c.envFrom ?? []) {
    const cm = ef.configMapRef && configMaps.get(ef.configMapRef.name);
    for (const [k, v] of Object.entries(cm?.data ?? {})) out.push({ name: (ef.prefix ?? '') + k, value: v, source: 'configMap', from: cm.metadata.name });
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom?.configMapKeyRef) out.push({ name: e.name, value: configMaps.get(e.valueFrom.configMapKeyRef.name)?.data?.[e.valueFrom.configMapKeyRef.key], source: 'configMapKey', from: e.valueFrom.configMapKeyRef.name });
    else if (e.valueFrom?.secretKeyRef) out.push({ name: e.name, source: 'secret' });
    else if (e.valueFrom) out.push({ name: e.name, source: 'field' });
    else out.push({ name: e.name, value: e.value, source: 'value' });
  }
  return out;
}
function tritonChecks(d, c, configMaps, report) {
  const where = `${id(d)} container ${c.name}`;
  const pod = d.spec.template.spec;
  if (String(c.resources?.limits?.['nvidia.com/gpu']) !== '1') report('triton', `${where}: limits nvidia.com/gpu is not 1`);
  if (!Object.keys(pod.nodeSelector ?? {}).length && !pod.affinity?.nodeAffinity) report('triton', `${id(d)}: no GPU node selector`);
  if (!(pod.tolerations ?? []).some(t => t.key === 'nvidia.com/gpu')) report('triton', `${id(d)}: no toleration for nvidia.com/gpu`);
  for (const p of [8000, 8001, 8002]) if (!(c.ports ?? []).some(x => x.containerPort === p)) report('triton', `${where}: no containerPort ${p}`);
  const repoArg = [...(c.command ?? []), ...(c.args ?? [])].find(a => a.startsWith('--model-repository='));
  if (!repoArg) { report('triton', `${where}: no --model-repository=`); return; }
  const ref = repoArg.match(/\$\((\w+)\)/)?.[1];
  const env = ref && envOf(c, configMaps).find(e => e.name === ref);
  const value = env ? env.value : repoArg.slice('--model-repository='.length);
  if (env && !['configMapKey', 'configMap', 'secret'].includes(env.source)) report('triton', `${where}: ${ref} does not come from a ConfigMap or Secret`);
  if (env?.source !== 'secret' && !String(value ?? '').startsWith('s3://')) report('triton', `${where}: model repository ${value} is not an s3:// URL`);
}
function workerDrainCheck(d, configMaps, report) {
  const pod = d.spec.template.spec;
  const c = pod.containers[0];
  const env = envOf(c, configMaps).find(e => e.name === 'HEAVYWEIGHT_WORKER_SHUTDOWN_GRACE');
  const src = sourcesOf('inference-worker').java.map(j => j.text).join('\n');
  const def = src.match(/@WithDefault\("([^"]+)"\)\s*Duration\s+shutdownGrace\(\)/)?.[1];
  const grace = durationSeconds(env?.value ?? def);
  const pre = c.lifecycle?.preStop;
  if (!pre) report('drain', `${id(d)}: no preStop hook`);
  const preSeconds = pre?.sleep?.seconds ?? 0;
  const tgps = pod.terminationGracePeriodSeconds ?? 30;
  if (!(tgps >= preSeconds + grace + 10)) report('drain', `${id(d)}: terminationGracePeriodSeconds ${tgps} < preStop ${preSeconds}s + shutdown-grace ${grace}s + 10s margin`);
}

// who may reach (deployment, port)? → sources: deployment names, "ns:<name>[/labels]" or "anyone"
function networkChecks(deployments, netpols, report) {
  const denyAll = netpols.some(p => Object.keys(p.spec?.podSelector ?? {}).length === 0 && !p.spec?.podSelector?.matchExpressions
    && (p.spec?.policyTypes ?? []).includes('Ingress') && !(p.spec?.ingress ?? []).length);
  if (!denyAll) report('network', 'no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rules)');
  const labelsOf = n => deployments.find(d => d.metadata.name === n)?.spec.template.metadata.labels ?? {};
  const podPorts = n => (deployments.find(d => d.metadata.name === n)?.spec.template.spec.containers ?? []).flatMap(c => c.ports ?? []);
  function sources(target, port) {
    const out = new Set();
    const tl = labelsOf(target);
    const named = podPorts(target).find(p => p.containerPort === port)?.name;
    for (const p of netpols) {
      if (!matches(p.spec?.podSelector?.matchLabels, tl)) continue;
      for (const rule of p.spec?.ingress ?? []) {
        if (rule.ports?.length && !rule.ports.some(rp => rp.port === port || (named && rp.port === named))) continue;
        if (!rule.from?.length) { out.add('anyone'); continue; }
        for (const peer of rule.from) {
          if (peer.ipBlock) out.add('ip:' + peer.ipBlock.cidr);
          else if (peer.namespaceSelector) out.add('ns:' + JSON.stringify(peer.namespaceSelector.matchLabels ?? {}) + (peer.podSelector ? JSON.stringify(peer.podSelector.matchLabels ?? {}) : ''));
          else for (const d of deployments) if (matches(peer.podSelector?.matchLabels, d.spec.template.metadata.labels)) out.add(d.metadata.name);
        }
      }
    }
    return out;
  }
  const prometheus = s => s.startsWith('ns:{"kubernetes.io/metadata.name":"monitoring"}{"app.kubernetes.io/name":"prometheus"}');
  const edges = [
    ['triton', 8001, ['balancer'], true],
    ['balancer', 8001, ['inference-worker', 'moderation-service'], true],
    ['task-service', 9081, ['gateway-service'], true],
    ['moderation-service', 9082, ['task-service', 'inference-worker'], true],
    // Cost accounting: task-service collects the balancer's ledger; the balancer reads Triton's energy counter.
    // The gateway fronts the balancer's admin API (/v1/admin/nodes, the operations page).
    ['balancer', 8084, ['task-service', 'gateway-service'], false],
    ['triton', 8002, ['balancer'], false],
  ];
  for (const [target, port, want, exact] of edges) {
    const got = sources(target, port);
    for (const w of want) if (!got.has(w)) report('network', `${w} cannot reach ${target}:${port}, which the architecture needs`);
    if (exact) for (const g of got) if (!want.includes(g)) report('network', `${g} may reach ${target}:${port}; only ${want.join(', ')} should`);
  }
  for (const d of deployments) {
    const n = d.metadata.name;
    for (const p of podPorts(n)) {
      for (const s of sources(n, p.containerPort)) {
        if (s === 'anyone' || s.startsWith('ip:')) report('network', `${n}:${p.containerPort} is open to ${s}`);
        else if (s.startsWith('ns:') && !(n === 'gateway-service' && p.name === 'http') && !(prometheus(s) && ['http', 'metrics'].includes(p.name)))
          report('network', `${n}:${p.containerPort} is reachable from outside the namespace (${s}); only the gateway is`);
        else if (!s.startsWith('ns:') && !edges.some(([t, port, want]) => t === n && port === p.containerPort && want.includes(s)))
          report('network', `${s} may reach ${n}:${p.containerPort}, an edge the architecture does not have`);
      }
    }
  }
  const gw = sources('gateway-service', 8080);
  if (![...gw].some(s => s.startsWith('ns:') && !prometheus(s))) report('network', 'gateway-service:8080 is not reachable from the ingress controller');
  for (const [n, port] of [['gateway-service', 8080], ['task-service', 8081], ['moderation-service', 8082], ['inference-worker', 8083], ['balancer', 8084], ['triton', 8002]])
    if (deployments.some(d => d.metadata.name === n) && podPorts(n).some(p => p.containerPort === port) && ![...sources(n, port)].some(prometheus)) report('network', `Prometheus cannot scrape ${n}:${port}`);
}

function scalingChecks(docs, deployments, configMaps, report) {
  const sos = docs.filter(d => d.kind === 'ScaledObject');
  const hpas = docs.filter(d => d.kind === 'HorizontalPodAutoscaler');
  const { lanes, queues } = lanesAndQueues();
  for (const so of sos) if (!deployments.some(d => d.metadata.name === so.spec?.scaleTargetRef?.name)) report('scaling', `${id(so)} targets ${so.spec?.scaleTargetRef?.name}, no such Deployment`);
  for (const h of hpas) if (!deployments.some(d => d.metadata.name === h.spec?.scaleTargetRef?.name)) report('scaling', `${id(h)} targets ${h.spec?.scaleTargetRef?.name}, no such Deployment`);
  const worker = sos.find(s => s.spec?.scaleTargetRef?.name === 'inference-worker');
  if (!worker) report('scaling', 'no ScaledObject for inference-worker');
  const rabbit = (worker?.spec?.triggers ?? []).filter(t => t.type === 'rabbitmq');
  for (const so of sos) for (const t of so.spec?.triggers ?? []) if (t.type === 'rabbitmq' && !queues.has(t.metadata?.queueName))
    report('scaling', `${id(so)} trigger ${t.name ?? ''}: queue ${t.metadata?.queueName} is not a queue of contracts Topology/Lane (${[...queues].join(', ')})`);
  for (const l of lanes) if (!rabbit.some(t => t.metadata?.queueName === l.queue)) report('scaling', `ScaledObject inference-worker: no rabbitmq trigger for lane ${l.lane} (queue ${l.queue})`);
  for (const t of rabbit) if (t.metadata?.host || t.metadata?.password) report('secrets', `ScaledObject inference-worker: connection details in trigger metadata; use a TriggerAuthentication`);
  for (const n of ['gateway-service', 'task-service']) {
    const h = hpas.find(x => x.spec?.scaleTargetRef?.name === n);
    if (!h?.spec?.metrics?.some(m => m.type === 'Resource' && m.resource?.name === 'cpu')) report('scaling', `no CPU HorizontalPodAutoscaler for ${n}`);
  }
  const triton = sos.find(s => s.spec?.scaleTargetRef?.name === 'triton');
  const prom = (triton?.spec?.triggers ?? []).filter(t => t.type === 'prometheus');
  if (!prom.length) report('scaling', 'no Prometheus-trigger ScaledObject for triton');
  const known = balancerMetricNames();
  for (const t of prom) {
    const names = [...String(t.metadata?.query ?? '').matchAll(/\b(heavyweight_[a-zA-Z0-9_]+)/g)].map(m => m[1]);
    if (!names.length) report('scaling', `ScaledObject triton: query ${t.metadata?.query} uses no balancer metric`);
    for (const n of names) if (!known.has(n)) report('scaling', `ScaledObject triton: metric ${n} is not exported by BalancerMetrics (${[...known].filter(k => k.includes('queue')).join(', ')}, …)`);
    if (!names.includes('heavyweight_balancer_queue_depth') && known.has('heavyweight_balancer_queue_depth')) report('scaling', 'ScaledObject triton: does not scale on the admission-queue depth');
  }
}

// ---------- run ----------
async function checkDocs(docs, overlay) {
  const problems = [];
  const report = (check, msg) => problems.push({ check, msg });
  await validateSchemas(docs, report);
  ownChecks(docs, overlay, report);
  return problems;
}
function load(file) {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
}

// Each mutation breaks one rule on a copy of the rendered production tree; the named check must catch it.
const MUTATIONS = [
  ['schema', 'wrong type (replicas as a string)', ds => { dep(ds, 'balancer').spec.replicas = 'one'; }],
  ['schema', 'missing required field (container image name)', ds => { delete dep(ds, 'balancer').spec.template.spec.containers[0].name; }],
  ['schema', 'misspelt field (readinesProbe)', ds => { const c = dep(ds, 'gateway-service').spec.template.spec.containers[0]; c.readinesProbe = c.readinessProbe; }],
  ['schema', 'misspelt field in a KEDA trigger (metdata)', ds => { const t = so(ds, 'inference-worker').spec.triggers[0]; t.metdata = t.metadata; }],
  ['schema', 'misspelt field in a ServiceMonitor endpoint (pth)', ds => { const e = find(ds, 'ServiceMonitor', 'balancer').spec.endpoints[0]; e.pth = e.path; }],
  ['schema', 'misspelt field in a volume mount (mountPth)', ds => { dep(ds, 'moderation-service').spec.template.spec.initContainers[0].volumeMounts[0].mountPth = '/models'; }],
  ['schema', 'unknown kind', ds => { ds.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'heavyweight' } }); }],
  ['probes', 'readiness probe removed', ds => { delete dep(ds, 'task-service').spec.template.spec.containers[0].readinessProbe; }],
  ['resources', 'limits removed', ds => { delete dep(ds, 'gateway-service').spec.template.spec.containers[0].resources.limits; }],
  ['security', 'writable root filesystem', ds => { dep(ds, 'inference-worker').spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false; }],
  ['config-keys', 'misspelt ConfigMap key', ds => { cm(ds, 'task-service-config').data.HEAVYWEIGHT_TASK_MAX_ATEMPTS = '3'; }],
  ['config-keys', 'key of another service', ds => { cm(ds, 'balancer-config').data.HEAVYWEIGHT_WORKER_SLOTS = '3'; }],
  ['secrets', 'password as a literal', ds => { dep(ds, 'task-service').spec.template.spec.containers[0].env.push({ name: 'QUARKUS_DATASOURCE_PASSWORD', value: 'postgres' }); }],
  ['secrets', 'Secret object in the tree', ds => { ds.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'heavyweight' }, stringData: { password: 'x' } }); }],
  ['scaling', 'wrong queue name', ds => { so(ds, 'inference-worker').spec.triggers[0].metadata.queueName = 'jobs.interactiv'; }],
  ['scaling', 'wrong metric name', ds => { const t = so(ds, 'triton').spec.triggers[0]; t.metadata.query = 'sum(heavyweight_balancer_queue_depth_total)'; }],
  ['discovery', 'Triton Service not headless', ds => { svc(ds, 'triton').spec.clusterIP = '10.0.0.10'; }],
  ['drain', 'grace period too short', ds => { dep(ds, 'inference-worker').spec.template.spec.terminationGracePeriodSeconds = 30; }],
  ['rollout', 'maxUnavailable 1 on the worker', ds => { dep(ds, 'inference-worker').spec.strategy.rollingUpdate.maxUnavailable = 1; }],
  ['pdb', 'PDB removed', ds => { ds.splice(ds.findIndex(d => d.kind === 'PodDisruptionBudget' && d.metadata.name === 'moderation-service'), 1); }],
  ['network', 'Triton open to the worker', ds => { np(ds, 'triton-from-balancer').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'inference-worker' } } }); }],
  ['network', 'task-service open to the ingress controller', ds => { np(ds, 'task-service-from-gateway').spec.ingress[0].from.push({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }); }],
  ['ingress', 'Ingress to task-service', ds => { ing(ds).spec.rules[0].http.paths.push({ path: '/admin', pathType: 'Prefix', backend: { service: { name: 'task-service', port: { number: 8081 } } } }); }],
  ['triton', 'no GPU limit', ds => { delete dep(ds, 'triton').spec.template.spec.containers[0].resources.limits['nvidia.com/gpu']; }],
  ['images', 'init container image not pinned', ds => { dep(ds, 'moderation-service').spec.template.spec.initContainers[0].image = 'amazon/aws-cli:latest'; }],
  ['security', 'init container runs with a writable root filesystem', ds => { delete dep(ds, 'moderation-service').spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem; }],
  ['volumes', 'models volume removed', ds => { const p = dep(ds, 'moderation-service').spec.template.spec; p.volumes = p.volumes.filter(v => v.name !== 'models'); }],
  ['monitoring', 'ServiceMonitor removed', ds => { ds.splice(ds.findIndex(d => d.kind === 'ServiceMonitor' && d.metadata.name === 'balancer'), 1); }],
];
const find = (ds, kind, name) => { const d = ds.find(x => x.kind === kind && (name === undefined || x.metadata.name === name)); if (!d) throw new Error(`${kind}/${name} not found`); return d; };
const dep = (ds, n) => find(ds, 'Deployment', n), cm = (ds, n) => find(ds, 'ConfigMap', n), so = (ds, n) => find(ds, 'ScaledObject', n);
const svc = (ds, n) => find(ds, 'Service', n), np = (ds, n) => find(ds, 'NetworkPolicy', n), ing = ds => find(ds, 'Ingress');

let failed = false;
for (const [name, file] of overlays) {
  const docs = load(file);
  const problems = await checkDocs(docs, name);
  console.log(`overlay ${name}: ${docs.length} objects (${[...new Set(docs.map(d => d.kind))].sort().join(', ')})`);
  for (const p of problems) console.log(`  FAIL [${p.check}] ${p.msg}`);
  if (problems.length) failed = true; else console.log('  ok: schemas and all own checks pass');
  if (selfTest && name === 'production') {
    console.log('self-test: each deliberately broken copy must fail its check');
    for (const [check, what, mutate] of MUTATIONS) {
      const copy = structuredClone(docs);
      mutate(copy);
      const caught = (await checkDocs(copy, name)).filter(p => p.check === check);
      if (caught.length) console.log(`  caught [${check}] ${what}: ${caught[0].msg}`);
      else { console.log(`  MISSED [${check}] ${what}`); failed = true; }
    }
  }
}
process.exit(failed ? 1 : 0);
