# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials served by a local URI (the CLI's CredentialsURI mode), such as a sidecar.

A GET on the URI answers the document the ECS metadata service serves:
``{"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}``.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import urlsplit

from ansible_collections.alicloud.live.plugins.module_utils._auth_ecs_role import (
    METADATA_TIMEOUT,
    NoAnswer,
    parse_credentials_document,
    request_text,
)
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CredentialError, CredentialSource


class CredentialsUriSource(CredentialSource):
    """The credentials that ``uri`` serves."""

    def __init__(self, uri, where):
        parts = urlsplit(uri)
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            raise CredentialError('%s: credentials_uri must be an http:// or https:// URL' % where)
        self.uri = uri
        self.where = where
        # The URI may carry a query with a secret: name the host only.
        self.description = 'the credentials URI on %s (%s)' % (parts.hostname, where)

    def fetch(self, exchange):
        host = urlsplit(self.uri).hostname
        try:
            status, text = request_text(self.uri)
        except NoAnswer as error:
            raise CredentialError('%s: the credentials URI on %s did not answer within %g seconds (%s)'
                                  % (self.where, host, METADATA_TIMEOUT, error))
        if status != 200:
            raise CredentialError('%s: the credentials URI on %s answered HTTP %d' % (self.where, host, status))
        return exchange.issued(parse_credentials_document('%s: the credentials URI on %s' % (self.where, host), text))
