# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The get-pip stand-in that sanity's environments get (tests/utils/write_get_pip_standin.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import stat
import subprocess
import sys

UTILS = os.path.join(os.path.dirname(__file__), '..', '..', 'utils')

# A stand-in for uv: it keeps its arguments and the environment it was given.
FAKE_UV = '''#!%s
import json, os, sys
with open(os.path.join(os.environ['WORK'], 'uv-call.json'), 'w') as handle:
    json.dump({'argv': sys.argv[1:], 'env': dict(os.environ)}, handle)
''' % sys.executable


def test_uv_gets_back_the_certificates_that_ansible_test_leaves_out(tmp_path, monkeypatch):
    sys.path.insert(0, UTILS)
    try:
        import write_get_pip_standin as writer  # pylint: disable=import-outside-toplevel
    finally:
        sys.path.remove(UTILS)
    uv = tmp_path / 'uv'
    uv.write_text(FAKE_UV)
    uv.chmod(uv.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv('SSL_CERT_FILE', '/etc/ssl/certs/the-bundle.pem')
    monkeypatch.setenv('UV_INDEX_URL', 'https://index.example.com/simple')
    monkeypatch.setenv('UNRELATED_SETTING', 'x')
    standin = tmp_path / 'get_pip.py'
    standin.write_text(writer.STANDIN.format(version='23.1.2', uv=str(uv), uv_env=writer.uv_environment()))

    # As ansible-test runs it: with few of the caller's variables.
    subprocess.check_call([sys.executable, str(standin), '--disable-pip-version-check', 'pip==23.1.2', 'wheel==0.37.1'],
                          env={'PATH': os.environ['PATH'], 'WORK': str(tmp_path)})

    call = json.loads((tmp_path / 'uv-call.json').read_text())
    assert call['argv'] == ['pip', 'install', '--quiet', '--python', sys.executable, 'pip==23.1.2', 'wheel==0.37.1']
    assert call['env']['SSL_CERT_FILE'] == '/etc/ssl/certs/the-bundle.pem'
    assert call['env']['UV_INDEX_URL'] == 'https://index.example.com/simple'
    assert 'UNRELATED_SETTING' not in call['env']
