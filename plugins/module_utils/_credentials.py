# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The credential chain: which source a task uses, and the region that goes with it.

1. Explicit task options: access keys, then ``profile``, then ``ecs_role_name``, then the
   ``oidc_*`` options.
2. Then the order of the Alibaba Cloud SDKs' default chain: environment keys, the OIDC
   environment (ACK RRSA), the CLI profile, credentials.ini, the ECS role environment.
3. ``assume_role`` (or the ALICLOUD_ASSUME_ROLE_* variables) on top of whichever was found.

Each source lives in its own file (_auth_*.py); this one only decides the order. Finding a
source makes no network call; only fetching its credentials may (STS, instance metadata).
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

from ansible_collections.alicloud.live.plugins.module_utils._connection import (
    ACCESS_KEY_ID_ENV,
    ACCESS_KEY_SECRET_ENV,
    SECURITY_TOKEN_ENV,
    env_fallback,
    parse_endpoint,
    resolve_connection,
)
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CredentialError, RoleSpec, StaticSource

# The _auth_* module of a source is imported only when the chain reaches that source. AnsiballZ
# ships module_utils as source code, compiled at every task: a task whose keys are in its
# options compiles none of them.

PROFILE_ENV = 'ALIBABA_CLOUD_PROFILE'
ECS_ROLE_ENV = 'ALIBABA_CLOUD_ECS_METADATA'
OIDC_ENV = dict(role_arn='ALIBABA_CLOUD_ROLE_ARN', provider_arn='ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
                token_file='ALIBABA_CLOUD_OIDC_TOKEN_FILE')
OIDC_SESSION_NAME_ENV = 'ALIBABA_CLOUD_ROLE_SESSION_NAME'
STS_ENDPOINT_ENV = 'ALIBABA_CLOUD_STS_ENDPOINT'
DEFAULT_PROFILE = 'default'
DEFAULT_STS_ENDPOINT = 'https://sts.%s.aliyuncs.com'
DEFAULT_METADATA_ENDPOINT = 'http://100.100.100.200'
# For AWX credentials and other environments that cannot pass the assume_role option; the
# names follow the alibaba.alicloud collection's.
ASSUME_ROLE_ENV = dict(
    role_arn='ALICLOUD_ASSUME_ROLE_ARN',
    session_name='ALICLOUD_ASSUME_ROLE_SESSION_NAME',
    duration_seconds='ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION',
    external_id='ALICLOUD_ASSUME_ROLE_EXTERNAL_ID',
    policy='ALICLOUD_ASSUME_ROLE_POLICY',
)

CREDENTIAL_ARGUMENT_SPEC = dict(
    access_key_id=dict(type='str', aliases=['access_key', 'alicloud_access_key'], no_log=False),
    access_key_secret=dict(type='str', no_log=True, aliases=['secret_key', 'alicloud_secret_key']),
    security_token=dict(type='str', no_log=True, aliases=['alicloud_security_token']),
    profile=dict(type='str'),
    config_file=dict(type='path'),
    assume_role=dict(type='dict', aliases=['alicloud_assume_role'], options=dict(
        role_arn=dict(type='str', required=True),
        session_name=dict(type='str'),
        duration_seconds=dict(type='int'),
        policy=dict(type='json'),
        external_id=dict(type='str'),
    )),
    sts_endpoint=dict(type='str', fallback=(env_fallback, [STS_ENDPOINT_ENV])),
    ecs_role_name=dict(type='str', aliases=['alicloud_ecs_role_name']),
    metadata_endpoint=dict(type='str'),
    oidc_role_arn=dict(type='str'),
    oidc_provider_arn=dict(type='str'),
    oidc_token_file=dict(type='path', no_log=False),
)


class Exchange:
    """How sources reach STS and the metadata service, and what they learn on the way.

    ``secrets`` collects every secret value as soon as it is known, so that even a failure
    halfway through is reported masked; ``request_ids`` the RequestIds of the STS calls.
    """

    def __init__(self, secrets=None, command_runner=None):
        self.secrets = secrets if secrets is not None else []
        # How a source runs a command: callable(argv, timeout) -> (exit status, stdout bytes),
        # raising OSError when the command cannot start and CommandTimeout when it runs too long.
        # A module passes its AnsibleModule.run_command (see _module.LiveModule).
        self.command_runner = command_runner
        self.request_ids = []
        self.settings = None
        self.sts_endpoint = None
        self.metadata_endpoint = None

    def secret(self, value):
        if value and value not in self.secrets:
            self.secrets.append(value)

    def issued(self, credentials):
        for value in credentials.secrets():
            self.secret(value)
        return credentials


def _first(environ, names):
    for name in names:
        if environ.get(name):
            return environ[name]
    return None


def _static_keys(params, environ, explicit):
    """Access keys from the options (each falling back to its variables) or from the environment alone."""
    names = (('access_key_id', ACCESS_KEY_ID_ENV), ('access_key_secret', ACCESS_KEY_SECRET_ENV), ('security_token', SECURITY_TOKEN_ENV))
    values = dict((option, (params.get(option) if explicit else None) or _first(environ, env)) for option, env in names)
    if not any(values.values()):
        return None
    origin = 'the access_key_id and access_key_secret options' if explicit else 'the environment variables %s and %s' % (
        ' / '.join(ACCESS_KEY_ID_ENV), ' / '.join(ACCESS_KEY_SECRET_ENV))
    for option, env in names[:2]:
        if not (values[option] or '').strip():
            raise CredentialError('%s is required with %s: set the option or one of the environment variables %s'
                                  % (option, 'the other access key options' if explicit else 'the access key variables', ', '.join(env)))
    # Credentials drops surrounding whitespace from every part, the secret and token as well as the key ID.
    return StaticSource(origin, values['access_key_id'], values['access_key_secret'], values['security_token'])


def role_from_options(params, environ):
    """The RoleSpec of the assume_role option, else of the ALICLOUD_ASSUME_ROLE_* variables, else None."""
    option = params.get('assume_role')
    if option:
        return RoleSpec.build('assume_role', option.get('role_arn'), option.get('session_name'), option.get('duration_seconds'),
                              option.get('policy'), option.get('external_id'),
                              names=dict((key, 'assume_role.%s' % key) for key in ASSUME_ROLE_ENV))
    values = dict((key, environ.get(name) or None) for key, name in ASSUME_ROLE_ENV.items())
    if not any(values.values()):
        return None
    return RoleSpec.build('', names=ASSUME_ROLE_ENV, **values)


def _oidc(params, environ, explicit):
    options = dict(role_arn=params.get('oidc_role_arn'), provider_arn=params.get('oidc_provider_arn'),
                   token_file=params.get('oidc_token_file'))
    if explicit:
        if not any(options.values()):
            return None
        values = dict((key, options[key] or environ.get(OIDC_ENV[key])) for key in options)
        origin = 'the oidc_role_arn, oidc_provider_arn and oidc_token_file options'
        names = None
    else:
        values = dict((key, environ.get(name)) for key, name in OIDC_ENV.items())
        # As in the SDKs: the OIDC environment counts only when all three are set.
        if not all(values.values()):
            return None
        origin = 'the environment variables %s' % ', '.join(OIDC_ENV.values())
        names = OIDC_ENV
    from ansible_collections.alicloud.live.plugins.module_utils._auth_oidc import OidcSource
    return OidcSource(origin, session_name=environ.get(OIDC_SESSION_NAME_ENV), names=names, **values)


def _read_file(path, path_origin, parse, label, looked_at):
    """``parse(path)``; None when the default file is absent, an error when a named one is."""
    if os.path.exists(path):
        return parse(path)
    if path_origin:
        raise CredentialError('%s names %s, which does not exist' % (path_origin, path))
    looked_at.append('%s %s (no such file)' % (label, path))
    return None


def _cli_config(params, environ, looked_at):
    """The parsed CLI configuration, or None when there is none."""
    from ansible_collections.alicloud.live.plugins.module_utils._auth_cli_profile import CliConfig, config_path
    path, path_origin = config_path(params, environ)
    return _read_file(path, path_origin, CliConfig, 'Alibaba Cloud CLI profiles in', looked_at)


def _credentials_ini(environ, looked_at):
    """The parsed credentials.ini, or None when there is none."""
    from ansible_collections.alicloud.live.plugins.module_utils._auth_credentials_ini import CredentialsIni, credentials_path
    path, path_origin = credentials_path(environ)
    return _read_file(path, path_origin, CredentialsIni, 'the credentials file', looked_at)


def _profile_or_section(params, environ, looked_at, explicit):
    """The CLI profile, else the credentials.ini section of the same name.

    The name comes from the profile option (explicit), else ALIBABA_CLOUD_PROFILE; without
    one, the CLI file's current profile, and the section [default].
    """
    name = params.get('profile') if explicit else environ.get(PROFILE_ENV)
    origin = 'profile option' if explicit else PROFILE_ENV
    config = _cli_config(params, environ, looked_at)
    if config is not None:
        chosen = name or config.current or DEFAULT_PROFILE
        if chosen in config.profiles:
            return config.source(chosen, origin if name else ('current profile' if config.current else 'default profile'))
        if not name and config.current:
            raise CredentialError('%s: "current" names profile %s, which does not exist. Profiles that exist: %s'
                                  % (config.path, chosen, ', '.join(config.names()) or 'none'))
        looked_at.append('Alibaba Cloud CLI profiles in %s (no profile %s)' % (config.path, chosen))
    ini = _credentials_ini(environ, looked_at)
    if ini is not None:
        section = name or DEFAULT_PROFILE
        if section in ini.sections:
            return ini.source(section, origin if name else 'default section')
        looked_at.append('the credentials file %s (no section [%s])' % (ini.path, section))
    if name:
        known = ['%s: %s' % (found.path, ', '.join(found.names()) or 'none') for found in (config, ini) if found is not None]
        raise CredentialError('profile %s (%s) does not exist. Profiles that exist: %s'
                              % (name, origin, '; '.join(known) or 'none, no profile file was found'))
    return None


def _ecs_role(role_name, origin):
    from ansible_collections.alicloud.live.plugins.module_utils._auth_ecs_role import EcsRoleSource
    return EcsRoleSource(role_name, origin)


def find_source(params, environ=None):
    """The CredentialSource the chain picks; no network call. Raise CredentialError when none fits."""
    environ = os.environ if environ is None else environ
    source = _static_keys(params, environ, explicit=True) if any(
        params.get(name) for name in ('access_key_id', 'access_key_secret', 'security_token')) else None
    if source is None and params.get('profile'):
        source = _profile_or_section(params, environ, [], explicit=True)
    if source is None and params.get('ecs_role_name'):
        source = _ecs_role(params['ecs_role_name'], 'ecs_role_name option')
    if source is None:
        source = _oidc(params, environ, explicit=True)
    if source is not None:
        return source

    looked_at = ['the options access_key_id, profile, ecs_role_name and oidc_role_arn (not set)']
    source = _static_keys(params, environ, explicit=False)
    if source is not None:
        return source
    looked_at.append('the environment variables %s (not set)' % ', '.join(ACCESS_KEY_ID_ENV + ACCESS_KEY_SECRET_ENV))
    source = _oidc(params, environ, explicit=False)
    if source is not None:
        return source
    looked_at.append('the environment variables %s (not all set)' % ', '.join(OIDC_ENV.values()))
    source = _profile_or_section(params, environ, looked_at, explicit=False)
    if source is not None:
        return source
    if environ.get(ECS_ROLE_ENV):
        return _ecs_role(environ[ECS_ROLE_ENV], 'environment variable %s' % ECS_ROLE_ENV)
    looked_at.append('the environment variable %s (not set)' % ECS_ROLE_ENV)
    raise CredentialError('no credentials found. Looked at, in this order: %s. See the credentials guide of alicloud.live.'
                          % '; '.join(looked_at))


def _metadata_endpoint(params):
    value = params.get('metadata_endpoint') or DEFAULT_METADATA_ENDPOINT
    scheme, host, port = parse_endpoint(value, 'metadata_endpoint', 'a base URL such as http://100.100.100.200 or http://127.0.0.1:8080')
    return '%s://%s:%d' % (scheme, host if ':' not in host else '[%s]' % host, port)


def resolve_settings(params, exchange, environ=None):
    """Pick the source, settle the region, fetch the credentials: return ConnectionSettings.

    Every option and file is checked before the first request. Raise CredentialError (a
    ConnectionOptionError) for what the user must fix, LiveApiError when STS refuses.
    """
    environ = os.environ if environ is None else environ
    source = find_source(params, environ)
    for value in source.secrets():
        exchange.secret(value)
    role = role_from_options(params, environ)
    if role is not None:
        from ansible_collections.alicloud.live.plugins.module_utils._auth_ram_role import RamRoleSource
        source = RamRoleSource(source, role)
    settings = resolve_connection(params, region_fallback=source.region_id)
    exchange.settings = settings
    exchange.sts_endpoint = parse_endpoint(params.get('sts_endpoint') or DEFAULT_STS_ENDPOINT % settings.region_id, 'sts_endpoint',
                                           'a full URL such as https://sts-vpc.cn-shanghai.aliyuncs.com or http://127.0.0.1:8080')
    exchange.metadata_endpoint = _metadata_endpoint(params)
    credentials = source.fetch(exchange)
    settings.access_key_id = credentials.access_key_id
    settings.access_key_secret = credentials.access_key_secret
    settings.security_token = credentials.security_token
    settings.credential_source = source.description
    settings.account_id = account_of(source)
    return settings


def account_of(source):
    """The account a RAM role's ARN names (acs:ram::<account>:role/...), or None when the source does not tell it."""
    role = getattr(source, 'role', None)
    found = _ACCOUNT_IN_ARN.match(getattr(role, 'role_arn', None) or '')
    return found.group(1) if found else None


_ACCOUNT_IN_ARN = re.compile(r'acs:ram::([0-9]+):', re.IGNORECASE)


# Every variable the chain reads, for the documentation and its tests.
ENVIRONMENT_VARIABLES = tuple(ACCESS_KEY_ID_ENV + ACCESS_KEY_SECRET_ENV + SECURITY_TOKEN_ENV) + (
    PROFILE_ENV, 'ALIBABA_CLOUD_CONFIG_FILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', ECS_ROLE_ENV, 'ALIBABA_CLOUD_IMDSV1_DISABLED',
    STS_ENDPOINT_ENV, OIDC_SESSION_NAME_ENV) + tuple(OIDC_ENV.values()) + tuple(ASSUME_ROLE_ENV.values())
