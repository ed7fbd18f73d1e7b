# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest plugin (loaded through the ``pytest11`` entry point when the package is installed).

Fixtures:

``live_emulator``
    A running emulator as a :class:`LiveEmulator`: ``endpoint``, ``credentials``,
    ``client`` (the control API), ``env`` (the variables for ansible-playbook or
    pytest-ansible) and ``environ()`` (a whole environment for a subprocess). Started
    once per session by default; ``--live-emulator-scope=function`` (or the ini option
    ``live_emulator_scope = function``) starts one per test instead. Under pytest-xdist
    each worker has its own.
``clean_live_emulator``
    The same emulator, reset to its initial state before the test.
``live_emulator_env``
    Puts ``live_emulator.env`` into ``os.environ`` for the test (and takes it out after),
    so in-process runners such as pytest-ansible's ``ansible_module`` reach the emulator.

Ini options: ``live_emulator_scope`` (session or function), ``live_emulator_domains``
(domains to add to the demo account, one per line), ``live_emulator_credentials`` (an
accounts file, relative to the rootdir), ``live_emulator_rate_limit`` (calls per minute
per account for each action), ``live_emulator_transcode_templates_format`` (json, comma or
list) and ``live_emulator_record_format_order`` (reversed, sorted or request): how Describe
renders what the API leaves undocumented.
"""

import os

import pytest

from alicloud_live_emulator.accounts import load_credentials
from alicloud_live_emulator.client import (CREDENTIAL_VARIABLES, DEFAULT_REGION_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET,
                                           EmulatorProcess, environment)

SCOPES = ('session', 'function')


class LiveEmulator:
    """What the live_emulator fixture hands out."""

    def __init__(self, process, access_key_id=DEMO_ACCESS_KEY_ID, access_key_secret=DEMO_ACCESS_KEY_SECRET):
        self.process = process
        self.client = process.client
        # The base URL: the value of ALIBABA_CLOUD_LIVE_ENDPOINT and of the modules' endpoint option.
        self.endpoint = process.url
        self.host = process.host
        self.port = process.port
        self.credentials = {'access_key_id': access_key_id, 'access_key_secret': access_key_secret, 'region_id': DEFAULT_REGION_ID}
        # The variables to set for ansible-playbook, ansible-runner or pytest-ansible.
        self.env = environment(self.endpoint, **self.credentials)

    @property
    def module_args(self):
        """Connection options for the collection's modules: endpoint and access key."""
        return {'endpoint': self.endpoint, 'access_key_id': self.credentials['access_key_id'],
                'access_key_secret': self.credentials['access_key_secret']}

    def environ(self, base=None):
        """A whole environment for a subprocess: base (default os.environ) without other credentials or an HTTP proxy, plus env."""
        return environment(self.endpoint, base=os.environ if base is None else base, **self.credentials)


def pytest_addoption(parser):
    """Options of the live_emulator fixtures."""
    group = parser.getgroup('live_emulator', 'alicloud-live-emulator (local ApsaraVideo Live API)')
    group.addoption('--live-emulator-scope', choices=SCOPES, default=None,
                    help='start the live_emulator once per session (default) or once per test')
    parser.addini('live_emulator_scope', 'session (default) or function: how often live_emulator starts', default='session')
    parser.addini('live_emulator_domains', 'domains to add to the demo account, one per line', type='linelist', default=[])
    parser.addini('live_emulator_credentials', 'accounts file (JSON) instead of the built-in demo accounts', default='')
    parser.addini('live_emulator_rate_limit', 'calls per minute per account for each action (default 1000)', default='')
    parser.addini('live_emulator_transcode_templates_format',
                  'how Describe writes TranscodeTemplates: json (default), comma or list', default='')
    parser.addini('live_emulator_record_format_order',
                  'the order of the RecordFormat items in Describe: reversed (default), sorted or request', default='')


def emulator_scope(fixture_name, config):  # pylint: disable=unused-argument
    """The scope chosen on the command line or in the ini file."""
    scope = config.getoption('live_emulator_scope') or config.getini('live_emulator_scope') or 'session'
    if scope not in SCOPES:
        raise pytest.UsageError('live_emulator_scope must be one of %s, not %r' % (', '.join(SCOPES), scope))
    return scope


def start_options(config):
    """Command-line options of the emulator, from the ini file."""
    options = {'domains': list(config.getini('live_emulator_domains'))}
    credentials = config.getini('live_emulator_credentials')
    if credentials:
        options['credentials'] = os.path.join(str(config.rootpath), credentials)
    for name in ('rate_limit', 'transcode_templates_format', 'record_format_order'):
        value = config.getini('live_emulator_' + name)
        if value:
            options[name] = value
    return options


@pytest.fixture(scope=emulator_scope)
def live_emulator(pytestconfig, tmp_path_factory):
    """A running local ApsaraVideo Live API emulator (see LiveEmulator)."""
    work_dir = tmp_path_factory.mktemp('live-emulator')
    options = start_options(pytestconfig)
    key = load_credentials(options['credentials']).first_access_key() if 'credentials' in options else None
    process = EmulatorProcess.start(str(work_dir), log_file=str(work_dir / 'requests.log'), **options)
    try:
        yield LiveEmulator(process) if key is None else LiveEmulator(process, key.key_id, key.secret)
    finally:
        process.stop()


@pytest.fixture
def clean_live_emulator(live_emulator):
    """The live_emulator, reset to its initial state for this test."""
    live_emulator.client.reset()
    return live_emulator


@pytest.fixture
def live_emulator_env(live_emulator, monkeypatch):
    """live_emulator.env set in os.environ for this test (other credentials and the HTTP proxy removed)."""
    for name in list(os.environ):
        if name not in live_emulator.env and name in CREDENTIAL_VARIABLES + ('HTTP_PROXY', 'http_proxy'):
            monkeypatch.delenv(name)
    for name, value in live_emulator.env.items():
        monkeypatch.setenv(name, value)
    return live_emulator.env
