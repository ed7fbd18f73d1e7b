# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit-test fixtures: the fake Live API (live_fakes.py) wired in, and a module runner."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from aliyunsdkcore.http.http_response import HttpResponse  # noqa: E402 pylint: disable=wrong-import-position

from live_fakes import CREDENTIAL_ENV, FakeLiveApi  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No credential variable, and a HOME of its own: the developer's ~/.aliyun and ~/.alibabacloud stay unread."""
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / 'home'
    home.mkdir()
    monkeypatch.setenv('HOME', str(home))
    return monkeypatch


@pytest.fixture
def fake_api(clean_env):
    api = FakeLiveApi()

    def get_response_object(http_response):
        return api.respond(http_response)

    clean_env.setattr(HttpResponse, 'get_response_object', get_response_object)
    # Retries must not make unit tests slow; the sleeps are recorded instead.
    sleeps = []
    clean_env.setattr('time.sleep', sleeps.append)
    api.sleeps = sleeps
    return api


@contextlib.contextmanager
def _module_args(args):
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:
        # ansible-core before 2.19 reads the arguments from basic._ANSIBLE_ARGS.
        from ansible.module_utils import basic
        from ansible.module_utils.common.text.converters import to_bytes
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved
    else:
        with patch_module_args(args):
            yield


@pytest.fixture
def run_module(capsys):
    """Run a module's main() with ``args`` and return its parsed JSON result."""

    def run(module, args, check_mode=False, diff=False):
        args = dict(args)
        if check_mode:
            args['_ansible_check_mode'] = True
        if diff:
            args['_ansible_diff'] = True
        with _module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        captured = capsys.readouterr()
        result = json.loads(captured.out)
        result['_stdout'] = captured.out
        result['_stderr'] = captured.err
        return result

    return run
