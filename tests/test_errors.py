"""Errors are named for what the user got wrong, and say it in one line."""

from __future__ import annotations

import pytest

from migkg.errors import ConfigError, MigkgError, ParameterError, RequestError
from queries import parse_params


def test_a_malformed_query_parameter_is_a_bad_parameter_naming_itself() -> None:
    with pytest.raises(ParameterError) as caught:
        parse_params(["year=2024", "agency"])
    assert "'agency'" in str(caught.value)
    assert not isinstance(caught.value, ConfigError)
    assert caught.value.status == 400 and caught.value.title == "Bad parameter"


def test_parameters_are_read_as_name_and_value() -> None:
    assert parse_params(["year = 2024", "q=a=b"]) == {"year": "2024", "q": "a=b"}


def test_a_refused_request_carries_its_status() -> None:
    error = RequestError("request body of 9 bytes is larger than the limit of 1", status=413)
    assert isinstance(error, MigkgError)
    assert error.status == 413 and "limit" in str(error)
