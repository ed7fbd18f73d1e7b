# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials printed by a command (the CLI's External mode, ``process_command``).

The command prints ``{"mode": "AK" or "StsToken", "access_key_id", "access_key_secret",
"sts_token"}``. Its output and its error stream are never quoted: both may hold secrets.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import shlex

from ansible_collections.alicloud.live.plugins.module_utils._credential_source import (
    CommandTimeout,
    CredentialError,
    CredentialSource,
    Credentials,
    check_text,
)

COMMAND_TIMEOUT = 30


class ExternalSource(CredentialSource):
    """The credentials that ``command`` prints."""

    def __init__(self, command, where):
        try:
            self.argv = shlex.split(command)
        except ValueError as error:
            raise CredentialError('%s: process_command cannot be split into words: %s' % (where, error))
        if not self.argv:
            raise CredentialError('%s: process_command is empty' % where)
        self.where = where
        self.description = 'the output of the command %s (%s)' % (self.argv[0], where)

    def fetch(self, exchange):
        name = self.argv[0]
        if exchange.command_runner is None:
            raise CredentialError('%s: the process_command %s cannot be run here: no command runner' % (self.where, name))
        try:
            returncode, stdout = exchange.command_runner(self.argv, COMMAND_TIMEOUT)
        except CommandTimeout:
            raise CredentialError('%s: cannot run the process_command %s: it did not finish within %d seconds'
                                  % (self.where, name, COMMAND_TIMEOUT))
        except OSError as error:
            raise CredentialError('%s: cannot run the process_command %s: %s'
                                  % (self.where, name, error.strerror or type(error).__name__))
        if returncode != 0:
            raise CredentialError('%s: the process_command %s exited with status %d' % (self.where, name, returncode))
        where = '%s, output of %s' % (self.where, name)
        try:
            document = json.loads(stdout.decode('utf-8'))
        except (UnicodeDecodeError, ValueError):
            raise CredentialError('%s: not a JSON object' % where)
        if not isinstance(document, dict) or document.get('mode') not in ('AK', 'StsToken'):
            raise CredentialError('%s: a JSON object whose mode is AK or StsToken is expected' % where)
        token = check_text(where, 'sts_token', document.get('sts_token'), required=document['mode'] == 'StsToken')
        credentials = Credentials(check_text(where, 'access_key_id', document.get('access_key_id')),
                                  check_text(where, 'access_key_secret', document.get('access_key_secret')), token,
                                  temporary=bool(token))
        return exchange.issued(credentials)
