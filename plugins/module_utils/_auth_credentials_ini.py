# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Alibaba Cloud SDKs' credentials file: ``~/.alibabacloud/credentials.ini``.

One section per client, chosen by ALIBABA_CLOUD_PROFILE (``default`` otherwise), whose
``type`` is access_key, sts, ram_role_arn, ecs_ram_role or oidc_role_arn. Parse errors name
the file and the line, never the text of the line (it may hold a secret).
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import configparser
import os
import re

from ansible_collections.alicloud.live.plugins.module_utils._credential_source import (
    CredentialError,
    RoleSpec,
    StaticSource,
    check_text,
)

DEFAULT_CREDENTIALS_FILE = '~/.alibabacloud/credentials.ini'
# The module of a type other than access_key and sts is imported when a section uses it (see _credentials).
TYPES = ('access_key', 'sts', 'ram_role_arn', 'ecs_ram_role', 'oidc_role_arn')
KEY_PATTERN = re.compile(r'[a-z][a-z0-9_]{0,63}')
ROLE_FIELDS = dict(role_arn='role_arn', session_name='role_session_name', duration_seconds='duration_seconds',
                   external_id='external_id', policy='policy')


def _parse_error(path, error):
    """A message for a configparser error without the offending text."""
    if isinstance(error, configparser.MissingSectionHeaderError):
        return '%s, line %d: a [section] header must come before the first key' % (path, error.lineno)
    if isinstance(error, configparser.DuplicateSectionError):
        return '%s, line %s: section [%s] appears twice' % (path, error.lineno, error.section)
    if isinstance(error, configparser.DuplicateOptionError):
        # A line such as "SECRET = x" makes a key of a value: name only keys that look like keys.
        key = 'key %s' % error.option if KEY_PATTERN.fullmatch(error.option) else 'a key'
        return '%s, line %s: %s appears twice in section [%s]' % (path, error.lineno, key, error.section)
    if isinstance(error, configparser.ParsingError):
        lines = ', '.join(str(lineno) for lineno, _text in error.errors)
        return '%s, line %s: not a "key = value" line' % (path, lines)
    return '%s cannot be parsed as an INI file' % path


class CredentialsIni:
    """A parsed credentials.ini."""

    def __init__(self, path):
        self.path = path
        parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=('#', ';'), default_section='\x00')
        try:
            with open(path, encoding='utf-8') as handle:
                parser.read_file(handle)
        except UnicodeDecodeError as error:
            raise CredentialError('%s is not UTF-8 text (byte %d)' % (path, error.start + 1))
        except (IOError, OSError) as error:
            raise CredentialError('cannot read the credentials file %s: %s' % (path, error.strerror or error))
        except configparser.Error as error:
            raise CredentialError(_parse_error(path, error))
        self.sections = dict((name, dict(parser.items(name))) for name in parser.sections())

    def names(self):
        return sorted(self.sections)

    def source(self, name, origin):
        """The CredentialSource of section ``name``."""
        section = self.sections[name]
        where = '%s, section [%s]' % (self.path, name)
        kind = section.get('type')
        if kind not in TYPES:
            raise CredentialError('%s: type must be one of %s' % (where, ', '.join(TYPES)))
        description = 'section [%s] of %s (type %s, %s)' % (name, self.path, kind, origin)
        if kind in ('access_key', 'sts', 'ram_role_arn'):
            static = StaticSource(description, check_text(where, 'access_key_id', section.get('access_key_id')),
                                  check_text(where, 'access_key_secret', section.get('access_key_secret')),
                                  check_text(where, 'security_token', section.get('security_token'), required=kind == 'sts'))
            if kind != 'ram_role_arn':
                return static
            role = RoleSpec.build(where, section.get('role_arn'), section.get('role_session_name'), section.get('duration_seconds'),
                                  section.get('policy'), section.get('external_id'), names=ROLE_FIELDS)
            from ansible_collections.alicloud.live.plugins.module_utils._auth_ram_role import RamRoleSource
            return RamRoleSource(static, role)
        if kind == 'ecs_ram_role':
            from ansible_collections.alicloud.live.plugins.module_utils._auth_ecs_role import EcsRoleSource
            return EcsRoleSource(check_text(where, 'role_name', section.get('role_name'), required=False), where)
        from ansible_collections.alicloud.live.plugins.module_utils._auth_oidc import OidcSource
        return OidcSource(where, section.get('role_arn'), section.get('oidc_provider_arn'), section.get('oidc_token_file_path'),
                          session_name=section.get('role_session_name'), policy=section.get('policy'),
                          names=dict(role_arn='role_arn', provider_arn='oidc_provider_arn', token_file='oidc_token_file_path',
                                     session_name='role_session_name'))


def credentials_path(environ):
    """(path, origin) of the credentials file: ALIBABA_CLOUD_CREDENTIALS_FILE or the default."""
    if environ.get('ALIBABA_CLOUD_CREDENTIALS_FILE'):
        return os.path.expanduser(environ['ALIBABA_CLOUD_CREDENTIALS_FILE']), 'ALIBABA_CLOUD_CREDENTIALS_FILE'
    return os.path.expanduser(DEFAULT_CREDENTIALS_FILE), None
