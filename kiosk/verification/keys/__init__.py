"""Keys: multibase, JWK, did:key, did:jwk, did:web, https issuer profiles, and resolution tables."""
