"""SD-JWT VC (IETF SD-JWT, RFC 9901, and the SD-JWT VC draft): an issuer-signed JWT, the
disclosures the holder chose to reveal, and an optional key-binding JWT.

- `compact`: splitting the presentation and reading its JWTs strictly;
- `disclosures`: every disclosure checked against the `_sd` digests and the claims rebuilt;
- `key_binding`: the key-binding JWT (`kb+jwt`, `sd_hash`, nonce, audience, freshness);
- `issuer_keys` / `x509_chain` / `issuer_metadata`: the issuer's key from a DID `kid`, the JWT VC
  Issuer Metadata or an `x5c` chain to a configured trust anchor;
- `token_status_list`: the IETF Token Status List (`status.status_list`);
- `type_metadata`: display names of claims from bundled, pinned SD-JWT VC type metadata;
- `vc`: the checks (format, issuer key, proof, dates, status, trust, holder) and the report.
"""

from kiosk.verification.sd_jwt.vc import verify_sd_jwt

__all__ = ["verify_sd_jwt"]
