# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The recording callback configuration: the field table and every other fact about the resource.

One per domain; identity = the domain; DescribeLiveRecordNotifyConfig answers with one object
(key in clear). What it answers for a domain without a configuration is undocumented: an empty
object, no object, or a not-found error all mean "none". NotifyAuthKey is a secret: never
output, compared in constant time, and write-only where the task asks (see _resource.py).
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.alicloud.live.plugins.module_utils._resource import Field, Read, Resource

DESCRIBE = 'DescribeLiveRecordNotifyConfig'
ADD = 'AddLiveRecordNotifyConfig'
UPDATE = 'UpdateLiveRecordNotifyConfig'
DELETE = 'DeleteLiveRecordNotifyConfig'

_DOMAIN_RULE = 'a domain name such as live.example.com: labels of letters, digits and hyphens separated by dots, at most 253 characters'
_DOMAIN_PATTERN = re.compile(r'(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]')
_URL_RULE = 'a URL that starts with http:// or https://, such as https://hooks.example.com/record'
_URL_PATTERN = re.compile(r'https?://[^\s/?#]+[^\s]*')
_OPTIONAL_URL_RULE = _URL_RULE + ', or an empty string to remove it'
_OPTIONAL_URL_PATTERN = re.compile(r'(?:https?://[^\s/?#]+[^\s]*)?')
_KEY_RULE = '16 to 32 characters, letters and digits only'
_KEY_PATTERN = re.compile(r'[A-Za-z0-9]{16,32}')
# The API takes and answers these bools as true/false.
_BOOL_WIRE = ('true', 'false')


def _auth_needs_key(config, given):
    """NotifyReqAuth=true without NotifyAuthKey is refused by the API."""
    if config.get('notify_req_auth') is True and not config.get('notify_auth_key'):
        return 'notify_req_auth is true but notify_auth_key is not set: callback authentication needs the key'
    return None


FIELDS = (
    Field('domain_name', 'DomainName', 'str', identity=True, lower=True, pattern=_DOMAIN_PATTERN, rule=_DOMAIN_RULE,
          required_to_add=True,
          description=['The main streaming domain. It must belong to the account.',
                       'A domain name such as V(live.example.com). It is sent in lowercase, since DNS names are '
                       'case-insensitive.']),
    Field('notify_url', 'NotifyUrl', 'str', pattern=_URL_PATTERN, rule=_URL_RULE, required_to_add=True,
          description=['The URL the service calls with recording events (a recording started, finished or failed) and, '
                       'with O(need_status_notify=true), recording task status.',
                       'It starts with V(http://) or V(https://).']),
    Field('on_demand_url', 'OnDemandUrl', 'str', default='', pattern=_OPTIONAL_URL_PATTERN, rule=_OPTIONAL_URL_RULE,
          description=['The URL the service asks whether to record a stream, for the Live-to-VOD configurations of the '
                       'domain that record on demand through an HTTP callback (C(on_demand=1)).',
                       'It starts with V(http://) or V(https://); V("") removes it.']),
    Field('need_status_notify', 'NeedStatusNotify', 'bool', default=False, bool_wire=_BOOL_WIRE,
          description=['Whether the service also calls O(notify_url) with the status of recording tasks.']),
    Field('notify_req_auth', 'NotifyReqAuth', 'bool', default=False, bool_wire=_BOOL_WIRE,
          description=['Whether the callbacks are signed with O(notify_auth_key), so that the receiver can check them.',
                       'V(true) needs O(notify_auth_key).']),
    Field('notify_auth_key', 'NotifyAuthKey', 'str', default='', secret=True, pattern=_KEY_PATTERN, rule=_KEY_RULE,
          description=['The key that signs the callbacks, 16 to 32 letters and digits.',
                       'A secret: it never appears in the output, the diff, warnings or errors, nor does anything '
                       'derived from it.']),
)

RECORD_NOTIFY = Resource(
    'record_notify_config', 'recording callback configuration', FIELDS,
    actions=dict(describe=DESCRIBE, add=ADD, update=UPDATE, delete=DELETE),
    read=Read(DESCRIBE, item='LiveRecordNotifyConfig', empty_codes=('InvalidConfig.NotFound',), empty_when_not_found=True),
    already_exists=('ConfigAlreadyExists',),
    rules=(_auth_needs_key,),
)
