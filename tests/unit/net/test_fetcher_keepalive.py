"""Connections kept alive between fetches: reused per origin, each fetch under its own limits."""

from __future__ import annotations

import pytest
import trustme

from kiosk.net import TimeLimitError
from tests.servers import LocalHttpsServer, Route, make_fetcher

pytestmark = pytest.mark.local_servers


def test_fetches_to_one_origin_share_one_connection(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/a.json", {"a": 1})
    server.json("/b.json", {"b": 2})
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}")
    for path in ("/a.json", "/b.json", "/a.json"):
        fetcher.fetch_json(f"{server.origin}{path}")
    assert server.paths == ["/a.json", "/b.json", "/a.json"]
    assert len(fetcher.connections) == 1
    fetcher.close()
    fetcher.fetch_json(f"{server.origin}/b.json")
    assert len(fetcher.connections) == 2


def test_each_origin_gets_its_own_checked_connection(tls_ca: trustme.CA) -> None:
    with LocalHttpsServer(tls_ca) as first, LocalHttpsServer(tls_ca) as second:
        first.json("/doc.json", {"n": 1})
        second.json("/doc.json", {"n": 2})
        fetcher = make_fetcher(tls_ca, f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}")
        assert fetcher.fetch_json(f"{first.origin}/doc.json")[0] == {"n": 1}
        assert fetcher.fetch_json(f"{second.origin}/doc.json")[0] == {"n": 2}
        assert fetcher.fetch_json(f"{first.origin}/doc.json")[0] == {"n": 1}
        assert sorted(port for _address, port in fetcher.connections) == sorted(
            [first.port, second.port]
        )
        fetcher.close()


def test_a_reused_connection_is_cut_to_the_new_fetchs_time_limit(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/quick.json", {"ok": True})
    server.route("/slow.json", Route(body=b"{}", delay=3.0))
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}", total_timeout=0.5)
    fetcher.fetch_json(f"{server.origin}/quick.json")
    with pytest.raises(TimeLimitError):
        fetcher.fetch_json(f"{server.origin}/slow.json")
    assert len(fetcher.connections) == 1  # the slow answer came on the kept connection
    fetcher.close()


def test_a_connection_the_server_closed_is_replaced(tls_ca: trustme.CA) -> None:
    with LocalHttpsServer(tls_ca) as server:
        server.json("/doc.json", {"n": 1})
        fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}")
        fetcher.fetch_json(f"{server.origin}/doc.json")
        for connection in list(server.open_connections):
            connection.close()
        server.open_connections.clear()
        assert fetcher.fetch_json(f"{server.origin}/doc.json")[0] == {"n": 1}
        fetcher.close()
