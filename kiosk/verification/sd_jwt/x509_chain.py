"""The issuer's key from an `x5c` certificate chain (RFC 7515 §4.1.6), validated with
`cryptography`'s X.509 path validation to a trust anchor the trust configuration names for
this issuer (`TrustedIssuer.x509_anchors`).

A chain that leads to no configured anchor — an unknown root, an issuer with no anchors, a
certificate outside its validity — proves nothing either way: the issuer-key check is "not
done", never passed. A chain to a configured anchor whose leaf names another issuer than `iss`
(SD-JWT VC: the `iss` host must be a dNSName of the leaf, or the `iss` URI a URI name) is a key
that is not the issuer's: failed.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.verification import (
    ExtensionPolicy,
    PolicyBuilder,
    Store,
)
from cryptography.x509.verification import (
    VerificationError as ChainError,
)

from kiosk.verification.context import VerificationContext
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.public_key import KeyType, PublicKey

MAX_CHAIN = 5
_CURVES = {"secp256r1": KeyType.P256, "secp384r1": KeyType.P384}


def key_from_x5c(x5c: Any, issuer: str, context: VerificationContext) -> tuple[PublicKey, str]:
    """The leaf's public key and plain words on the chain, if it validates to an anchor.

    Raises:
        UnsupportedError: no configured anchor, or the chain does not validate to one.
        KeyResolutionError: a malformed chain, or a trusted leaf issued to another name.
    """
    certificates = _read_chain(x5c)
    match = context.trust.find(issuer)
    anchors = tuple(match.issuer.x509_anchors) if match is not None else ()
    if not anchors:
        raise UnsupportedError(
            "The token is signed with a certificate, but the kiosk's trust configuration names "
            "no trust anchor for this issuer."
        )
    leaf, intermediates = certificates[0], certificates[1:]
    builder = (
        PolicyBuilder()
        .store(Store(list(anchors)))
        .time(context.now.replace(tzinfo=None))
        .max_chain_depth(MAX_CHAIN)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=ExtensionPolicy.permit_all()
        )
    )
    try:
        chain = builder.build_client_verifier().verify(leaf, intermediates).chain
    except ChainError as error:
        raise UnsupportedError(
            "The token's certificate chain does not lead to a trust anchor the kiosk's trust "
            f"configuration names ({str(error)[:120]})."
        ) from error
    _names_issuer(leaf, issuer)
    root = chain[-1].subject.rfc4514_string()
    return _public_key(leaf), f"from its certificate chain to the trust anchor {root[:120]}"


def _read_chain(x5c: Any) -> list[x509.Certificate]:
    if not isinstance(x5c, list) or not x5c or len(x5c) > MAX_CHAIN:
        raise KeyResolutionError("The token's x5c certificate chain is malformed.")
    certificates = []
    for item in x5c:
        if not isinstance(item, str):
            raise KeyResolutionError("The token's x5c certificate chain is malformed.")
        try:
            certificates.append(
                x509.load_der_x509_certificate(base64.b64decode(item, validate=True))
            )
        except (binascii.Error, ValueError) as error:
            raise KeyResolutionError(
                "A certificate in the token's x5c chain is malformed."
            ) from error
    return certificates


def _names_issuer(leaf: x509.Certificate, issuer: str) -> None:
    try:
        names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        names = x509.SubjectAlternativeName([])
    host = urlsplit(issuer).hostname if issuer.startswith("https://") else None
    dns = {name.lower() for name in names.get_values_for_type(x509.DNSName)}
    uris = set(names.get_values_for_type(x509.UniformResourceIdentifier))
    if issuer in uris or (host is not None and host.lower() in dns):
        return
    raise KeyResolutionError(
        "The token's certificate was issued to another name than the credential's issuer."
    )


def _public_key(leaf: x509.Certificate) -> PublicKey:
    key = leaf.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name in _CURVES:
        return PublicKey(_CURVES[key.curve.name], key)
    if isinstance(key, ed25519.Ed25519PublicKey):
        return PublicKey(KeyType.ED25519, key)
    if isinstance(key, rsa.RSAPublicKey) and key.key_size >= 2048:
        return PublicKey(KeyType.RSA, key)
    raise UnsupportedError("The certificate's key type is not supported.")
