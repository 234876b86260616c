// Peer verifier for the kiosk's Blockcerts benchmark (bench/bench_blockcerts.py): verifies the
// given certificates with the Blockcerts verifier (@blockcerts/cert-verifier-js) and times it,
// against the same local HTTPS servers the kiosk uses.
//
//   NODE_EXTRA_CA_CERTS=ca.pem node bench/peers/blockcerts_bench.mjs \
//       --routes='{"blockstream.info": "https://127.0.0.1:4431", "*": "https://127.0.0.1:4430"}' \
//       [--n=100] [--warmup=20] [--runs=3] [--trace] FILE...
//
// Every request the verifier makes goes through globalThis.fetch, which is replaced before the
// verifier is loaded: a URL whose host is in --routes goes to that origin with the same path
// and query; any other host goes to the "*" origin with the host as the first path segment
// (https://www.example.org/a?b → https://127.0.0.1:4430/www.example.org/a?b). Nothing else is
// reachable. The local servers' test CA comes from NODE_EXTRA_CA_CERTS.
//
// One verification is what the kiosk does per scan: a new Certificate from the parsed JSON,
// init() (which fetches the issuer profile) and verify(). Prints one JSON array to stdout:
//   {file, status, message, first_ms, median_ms, runs: [run medians], n, warmup, requests,
//    version}
// `requests` is the number of HTTP requests of one verification (--trace lists them on stderr).
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = {n: 100, warmup: 20, runs: 3, trace: false, routes: null, files: []};
  for (const arg of argv) {
    const number = /^--(n|warmup|runs)=(\d+)$/.exec(arg);
    if (number) {
      options[number[1]] = Number(number[2]);
    } else if (arg.startsWith('--routes=')) {
      options.routes = JSON.parse(arg.slice('--routes='.length));
    } else if (arg === '--trace') {
      options.trace = true;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      options.files.push(arg);
    }
  }
  if (!options.routes || !options.routes['*'] || options.files.length === 0) {
    throw new Error('usage: node blockcerts_bench.mjs --routes=JSON [--n=] [--warmup=] [--runs=] FILE...');
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));

// --- the network: local servers only ---------------------------------------------------------

const networkFetch = globalThis.fetch;
let requests = [];

function local(url) {
  const parsed = new URL(url);
  const origin = options.routes[parsed.host];
  if (origin) {
    return `${origin}${parsed.pathname}${parsed.search}`;
  }
  return `${options.routes['*']}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  requests.push(url);
  return networkFetch(local(url), init);
};

// The verifier logs warnings with console.*: keep stdout for the JSON result.
for (const name of ['log', 'info', 'warn', 'debug']) {
  console[name] = (...args) => {
    if (options.trace) {
      process.stderr.write(args.map(String).join(' ') + '\n');
    }
  };
}

// The package's Node build (its "node" entry); the default one is the browser bundle.
const {Certificate} = await import('@blockcerts/cert-verifier-js/dist/verifier-node/index.js');
const VERSION = JSON.parse(fs.readFileSync(
  path.join(HERE, 'node_modules/@blockcerts/cert-verifier-js/package.json'), 'utf8')).version;

async function verifyOnce(definition) {
  const certificate = new Certificate(definition);
  await certificate.init();
  return certificate.verify();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const results = [];
for (const file of options.files) {
  const definition = JSON.parse(fs.readFileSync(file, 'utf8'));
  requests = [];
  let start = performance.now();
  let outcome;
  try {
    outcome = await verifyOnce(definition);
  } catch (error) {
    outcome = {status: 'error', message: String(error?.message ?? error)};
  }
  const first = performance.now() - start;
  const firstRequests = requests.length;
  if (options.trace) {
    process.stderr.write(`${path.basename(file)}: ${JSON.stringify(outcome)}\n  ${requests.join('\n  ')}\n`);
  }
  const runMedians = [];
  if (outcome.status !== 'error') {
    for (let run = 0; run < options.runs; run++) {
      for (let i = 0; i < options.warmup; i++) {
        await verifyOnce(definition);
      }
      const samples = [];
      for (let i = 0; i < options.n; i++) {
        start = performance.now();
        await verifyOnce(definition);
        samples.push(performance.now() - start);
      }
      runMedians.push(median(samples));
    }
  }
  results.push({
    file: path.basename(file),
    status: outcome.status,
    message: typeof outcome.message === 'string' ? outcome.message : JSON.stringify(outcome.message),
    first_ms: first,
    median_ms: runMedians.length ? median(runMedians) : null,
    runs: runMedians,
    n: options.n,
    warmup: options.warmup,
    requests: firstRequests,
    version: VERSION,
  });
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
