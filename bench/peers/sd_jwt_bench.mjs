// SD-JWT VC peer for bench/bench_sd_jwt.py: the OpenWallet Foundation's @sd-jwt/sd-jwt-vc,
// with node:crypto for hashing and ES256 verification. A long-lived process answering one JSON
// line per request on stdin/stdout, so process start is never measured:
//   {"setup": {"presentation", "issuer_jwk", "nonce", "now"}} -> {"verified": bool, "error"?}
//   {"block": {"n", "warmup"}}                                 -> {"median_ms": number}
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';

const hasher = (data, alg) =>
  createHash(alg.replace('-', '').toLowerCase()).update(typeof data === 'string' ? data : Buffer.from(data)).digest();

function es256(key) {
  return (data, signature) =>
    verify('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

let state = null;

async function verifyOnce() {
  await state.instance.verify(state.presentation, {
    keyBindingNonce: state.nonce,
    currentDate: state.now,
  });
}

async function handle(request) {
  if (request.setup) {
    const { presentation, issuer_jwk, nonce, now } = request.setup;
    const issuerKey = createPublicKey({ key: issuer_jwk, format: 'jwk' });
    const instance = new SDJwtVcInstance({
      hasher,
      hashAlg: 'sha-256',
      verifier: es256(issuerKey),
      kbVerifier: (data, signature, payload) =>
        es256(createPublicKey({ key: payload.cnf.jwk, format: 'jwk' }))(data, signature),
    });
    state = { instance, presentation, nonce, now };
    try {
      await verifyOnce();
      return { verified: true };
    } catch (error) {
      return { verified: false, error: String(error && error.message ? error.message : error) };
    }
  }
  if (request.block) {
    const { n, warmup } = request.block;
    for (let i = 0; i < warmup; i++) await verifyOnce();
    const samples = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await verifyOnce();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const middle = samples.length >> 1;
    const median = samples.length % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    return { median_ms: median };
  }
  return { error: 'unknown request' };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const answer = await handle(JSON.parse(line));
  process.stdout.write(JSON.stringify(answer) + '\n');
}
