"""Keys: multibase/multicodec decoding, `did:key`, and verification-method resolution."""
