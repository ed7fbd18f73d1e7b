# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The state file (``--state-file``): domains and configurations that outlive a restart.

Format::

    {"format": 1, "accounts": {"<account id>": {"domains": [...], "configs": [<API-shaped config>, ...]}}}

Loaded at start when present; rewritten atomically after every successful change, so a
reader never sees a partial file. The request log, faults and settings are not kept.
"""

import json
import os
import tempfile

FORMAT = 1


def write_atomic(path, text):
    """Replace path with text so readers never see a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, tmp_path = tempfile.mkstemp(prefix='.tmp-', dir=directory)
    try:
        with os.fdopen(handle, 'w', encoding='utf-8') as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp_path, path)
    except BaseException:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
        raise


def load(path):
    """{account_id: {"domains": [...], "configs": [...]}} from a state file, or None when there is none."""
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as handle:
        try:
            data = json.load(handle)
        except ValueError as exc:
            raise ValueError('state file %s is not JSON: %s' % (path, exc)) from exc
    if not isinstance(data, dict) or data.get('format') != FORMAT or not isinstance(data.get('accounts', {}), dict):
        raise ValueError('state file %s is not in format %d' % (path, FORMAT))
    return data.get('accounts') or {}


def save(path, accounts):
    """Write {account_id: {"domains": [...], "configs": [...]}} to the state file."""
    write_atomic(path, json.dumps({'format': FORMAT, 'accounts': accounts}, indent=2, sort_keys=True) + '\n')
