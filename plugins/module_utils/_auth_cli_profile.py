# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Profiles of the Alibaba Cloud CLI: ``~/.aliyun/config.json``.

``{"current": NAME, "profiles": [{"name", "mode", "access_key_id", ...}]}``. Every field the
chosen profile uses is checked like the matching option; a malformed file fails with its
path and the JSON line, or the profile and key, and never quotes a value.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from ansible_collections.alicloud.live.plugins.module_utils._connection import REGION_PATTERN, REGION_RULE
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import (
    CredentialError,
    RoleSpec,
    StaticSource,
    check_text,
)

DEFAULT_CONFIG_FILE = '~/.aliyun/config.json'
# The module of a mode other than AK and StsToken is imported when a profile uses it (see _credentials).
SUPPORTED_MODES = ('AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn', 'EcsRamRole', 'OIDC', 'CredentialsURI', 'External')
# Not supported: CloudSSO and OAuth need an interactive login, RsaKeyPair a key pair only the
# Japan site issued.
MAX_CHAIN = 8


# The CLI's names for the fields of a role to assume.
ROLE_FIELDS = dict(role_arn='ram_role_arn', session_name='ram_session_name', duration_seconds='expired_seconds',
                   external_id='external_id', policy='policy')


class CliConfig:
    """A parsed config.json: profiles by name, and the ``current`` one."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, 'rb') as handle:
                raw = handle.read()
        except (IOError, OSError) as error:
            raise CredentialError('cannot read the Alibaba Cloud CLI configuration %s: %s' % (path, error.strerror or error))
        try:
            data = json.loads(raw.decode('utf-8'))
        except UnicodeDecodeError as error:
            raise CredentialError('%s is not UTF-8 text (byte %d)' % (path, error.start + 1))
        except ValueError as error:
            # The decoder's message names the problem and position, never the text around it.
            raise CredentialError('%s is not valid JSON: %s at line %d, column %d'
                                  % (path, getattr(error, 'msg', 'malformed'), getattr(error, 'lineno', 0), getattr(error, 'colno', 0)))
        if not isinstance(data, dict):
            raise CredentialError('%s must hold a JSON object with "current" and "profiles"' % path)
        profiles = data.get('profiles', [])
        if not isinstance(profiles, list):
            raise CredentialError('%s: "profiles" must be a list of objects' % path)
        self.profiles = {}
        for index, profile in enumerate(profiles):
            if not isinstance(profile, dict):
                raise CredentialError('%s: profiles[%d] must be an object' % (path, index))
            name = profile.get('name')
            if not isinstance(name, str) or not name:
                raise CredentialError('%s: profiles[%d] has no "name"' % (path, index))
            # The CLI keeps the first of two profiles with one name.
            self.profiles.setdefault(name, profile)
        current = data.get('current')
        if current is not None and not isinstance(current, str):
            raise CredentialError('%s: "current" must be the name of a profile' % path)
        self.current = current or None

    def names(self):
        return sorted(self.profiles)

    def source(self, name, origin, chain=()):
        """The CredentialSource of profile ``name``."""
        profile = self.profiles[name]
        where = '%s, profile %s' % (self.path, name)
        mode = profile.get('mode') or 'AK'
        region_id = profile.get('region_id') or None
        if region_id is not None and (not isinstance(region_id, str) or not REGION_PATTERN.fullmatch(region_id)):
            raise CredentialError('%s: region_id must be %s' % (where, REGION_RULE))
        description = 'profile %s of %s (mode %s, %s)' % (name, self.path, mode, origin)
        if mode == 'AK':
            return StaticSource(description, check_text(where, 'access_key_id', profile.get('access_key_id')),
                                check_text(where, 'access_key_secret', profile.get('access_key_secret')), region_id=region_id)
        if mode == 'StsToken':
            return StaticSource(description, check_text(where, 'access_key_id', profile.get('access_key_id')),
                                check_text(where, 'access_key_secret', profile.get('access_key_secret')),
                                check_text(where, 'sts_token', profile.get('sts_token')), region_id=region_id)
        if mode in ('RamRoleArn', 'ChainableRamRoleArn'):
            role = RoleSpec.build(where, profile.get('ram_role_arn'), profile.get('ram_session_name'),
                                  profile.get('expired_seconds') or None, profile.get('policy'), profile.get('external_id'),
                                  names=ROLE_FIELDS)
            if mode == 'RamRoleArn':
                base = StaticSource(description, check_text(where, 'access_key_id', profile.get('access_key_id')),
                                    check_text(where, 'access_key_secret', profile.get('access_key_secret')),
                                    check_text(where, 'sts_token', profile.get('sts_token'), required=False))
            else:
                base = self._source_profile(where, profile, origin, chain + (name,))
            from ansible_collections.alicloud.live.plugins.module_utils._auth_ram_role import RamRoleSource
            source = RamRoleSource(base, role)
            source.region_id = region_id or base.region_id
            return source
        if mode == 'EcsRamRole':
            from ansible_collections.alicloud.live.plugins.module_utils._auth_ecs_role import EcsRoleSource
            source = EcsRoleSource(check_text(where, 'ram_role_name', profile.get('ram_role_name'), required=False), where)
        elif mode == 'OIDC':
            from ansible_collections.alicloud.live.plugins.module_utils._auth_oidc import OidcSource
            source = OidcSource(where, profile.get('ram_role_arn'), profile.get('oidc_provider_arn'),
                                check_text(where, 'oidc_token_file', profile.get('oidc_token_file')),
                                session_name=profile.get('ram_session_name'), duration_seconds=profile.get('expired_seconds') or None,
                                names=dict(role_arn='ram_role_arn', provider_arn='oidc_provider_arn', token_file='oidc_token_file',
                                           session_name='ram_session_name'))
        elif mode == 'CredentialsURI':
            from ansible_collections.alicloud.live.plugins.module_utils._auth_credentials_uri import CredentialsUriSource
            source = CredentialsUriSource(check_text(where, 'credentials_uri', profile.get('credentials_uri')), where)
        elif mode == 'External':
            from ansible_collections.alicloud.live.plugins.module_utils._auth_external import ExternalSource
            source = ExternalSource(check_text(where, 'process_command', profile.get('process_command')), where)
        else:
            raise CredentialError('%s: mode %s is not supported by alicloud.live; use one of %s'
                                  % (where, mode if isinstance(mode, str) else repr(mode), ', '.join(SUPPORTED_MODES)))
        source.region_id = region_id
        return source

    def _source_profile(self, where, profile, origin, chain):
        source_name = check_text(where, 'source_profile', profile.get('source_profile'))
        if source_name in chain or len(chain) >= MAX_CHAIN:
            raise CredentialError('%s: source_profile makes a loop (%s)' % (where, ' -> '.join(chain + (source_name,))))
        if source_name not in self.profiles:
            raise CredentialError('%s: source_profile names a profile that does not exist; the profiles are: %s'
                                  % (where, ', '.join(self.names()) or 'none'))
        return self.source(source_name, origin, chain)


def config_path(params, environ):
    """(path, origin) of the CLI configuration: the option, ALIBABA_CLOUD_CONFIG_FILE or the default."""
    if params.get('config_file'):
        return os.path.expanduser(params['config_file']), 'config_file'
    if environ.get('ALIBABA_CLOUD_CONFIG_FILE'):
        return os.path.expanduser(environ['ALIBABA_CLOUD_CONFIG_FILE']), 'ALIBABA_CLOUD_CONFIG_FILE'
    return os.path.expanduser(DEFAULT_CONFIG_FILE), None
