"""The status package's public names, and its table of methods."""

from __future__ import annotations

import importlib

import kiosk.verification.status as status
from kiosk.verification.status import STATUS_METHODS


def test_every_exported_name_exists() -> None:
    for name in status.__all__:
        assert getattr(status, name) is not None


def test_the_table_holds_one_method_per_status_type_each_in_its_own_module() -> None:
    expected = {
        "BitstringStatusListEntry": "bitstring_status_list",
        "StatusList2021Entry": "status_list_2021",
        "RevocationList2020Status": "revocation_list_2020",
        "1EdTechRevocationList": "one_edtech_revocation_list",
        "RevocationList": "blockcerts_revocation_list",
    }
    assert set(STATUS_METHODS) == set(expected)
    for entry_type, module_name in expected.items():
        module = importlib.import_module(f"kiosk.verification.status.{module_name}")
        assert entry_type == module.ENTRY_TYPE
        assert STATUS_METHODS[entry_type] is module.check
