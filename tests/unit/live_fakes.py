# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fake Live API at the SDK's HTTP boundary, for unit tests.

The fake replaces only the SDK's network call (HttpResponse.get_response_object), so the
real SDK signs each request and parses each answer, and tests see what went on the wire.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import uuid
from urllib.parse import parse_qsl, urlsplit


FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')
WRITE_ACTIONS = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig')
CREDENTIAL_ENV = [
    'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
    'ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_SECRET_KEY',
    'ALICLOUD_SECURITY_TOKEN', 'ALICLOUD_REGION', 'ALIBABA_CLOUD_LIVE_ENDPOINT', 'ALIBABA_CLOUD_CA_BUNDLE',
    'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CONFIG_FILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_ECS_METADATA',
    'ALIBABA_CLOUD_IMDSV1_DISABLED', 'ALIBABA_CLOUD_STS_ENDPOINT', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
    'ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'ALIBABA_CLOUD_ROLE_SESSION_NAME', 'ALICLOUD_ASSUME_ROLE_ARN',
    'ALICLOUD_ASSUME_ROLE_SESSION_NAME', 'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION', 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID',
    'ALICLOUD_ASSUME_ROLE_POLICY', 'ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET',
]
ACCESS_KEY_ID = 'LTAI5tUnitTestKey'
SECRET = 'unit-Secret/with+chars=&%'
TOKEN = 'unit-Sts-Token/+=value'
BASE_ARGS = dict(access_key_id=ACCESS_KEY_ID, access_key_secret=SECRET, endpoint='http://127.0.0.1:18080')


def make_client(**options):
    """A LiveClient as a module builds it, from BASE_ARGS, the connection defaults and ``options``."""
    from ansible_collections.alicloud.live.plugins.module_utils._client import LiveClient
    from ansible_collections.alicloud.live.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC
    from ansible_collections.alicloud.live.plugins.module_utils._credentials import Exchange, resolve_settings

    params = dict((name, spec.get('default')) for name, spec in CONNECTION_ARGUMENT_SPEC.items())
    params.update(BASE_ARGS)
    params.update(options)
    return LiveClient(resolve_settings(params, Exchange()))


def load_fixture(name):
    with open(os.path.join(FIXTURES, name)) as handle:
        return json.load(handle)


class Call:
    """One request as the fake saw it on the wire."""

    def __init__(self, http_response):
        self.url = http_response.get_url()
        self.params = dict(parse_qsl(urlsplit(self.url).query, keep_blank_values=True))
        self.action = self.params.get('Action')
        self.host = http_response.get_host()
        self.port = getattr(http_response, '_HttpResponse__port')
        self.https = http_response.get_ssl_enabled()
        self.verify = http_response.get_verify_value()
        self.read_timeout = getattr(http_response, '_HttpResponse__read_timeout')
        self.proxy = http_response.proxy


def error_body(code, message, request_id=None):
    return dict(RequestId=request_id or str(uuid.uuid4()).upper(), HostId='live.aliyuncs.com', Code=code,
                Message=message, Recommend='https://api.aliyun.com/troubleshoot')


# What Add stores for a parameter it is not sent, and what Update resets an updatable one to.
DEFAULTS = dict(StreamName='', CycleDuration=3600, AutoCompose='OFF', ComposeVodTranscodeGroupId='', StorageLocation='',
                OnDemand=0, RecordContent='raw', SpaceId='')
SCALARS = ('DomainName', 'AppName', 'StreamName', 'VodTranscodeGroupId', 'CycleDuration', 'AutoCompose',
           'ComposeVodTranscodeGroupId', 'StorageLocation', 'OnDemand', 'DelayTime', 'RecordContent', 'SpaceId')
# UpdateLiveRecordVodConfig has none of these: they keep their stored value.
NOT_UPDATABLE = ('StorageLocation', 'RecordContent', 'SpaceId', 'CreateTime')
FORMAT_KEYS = ('Format', 'SliceDuration', 'AutoCompose', 'ProcessMethod', 'ProcessTemplateId', 'Tags', 'VideoProcess')


def parse_lists(params):
    """The flattened lists of a request: TranscodeTemplates.N and RecordFormat.N.Sub, in index order."""
    templates, formats = {}, {}
    for name, value in params.items():
        parts = name.split('.')
        if parts[0] == 'TranscodeTemplates' and len(parts) == 2:
            templates[int(parts[1])] = value
        elif parts[0] == 'RecordFormat' and len(parts) == 3:
            formats.setdefault(int(parts[1]), {})[parts[2]] = int(value) if parts[2] == 'SliceDuration' else value
    return [templates[i] for i in sorted(templates)], [formats[i] for i in sorted(formats)]


class FakeLiveApi:
    """A small stateful stand-in for the Live API's four Live-to-VOD actions.

    Update has the emulator's semantics: every updatable field it is not sent goes back to its
    default (formats, templates and delay included); StorageLocation, RecordContent, SpaceId,
    CreateTime and keys the collection does not know keep their stored values.
    Describe lists TranscodeTemplates as a JSON array string (``templates_as`` changes that)
    and the formats under RecordFormatList.RecordFormat.

    ``script(action, outcome, ...)`` queues answers that take precedence: an (status, body)
    tuple, an exception instance to raise from the transport (network faults), or a
    callable taking the Call.
    """

    def __init__(self):
        self.configs = []
        self.calls = []
        self.domains = set(['live.example.com'])
        self._scripted = {}
        # How Describe spells TranscodeTemplates: 'json' ('["a","b"]'), 'comma' ('a,b') or 'list'.
        self.templates_as = 'json'
        # When set, Describe lists the formats of each config in this order (by Format) whatever order they were sent in.
        self.format_order = None

    def script(self, action, *outcomes):
        self._scripted.setdefault(action, []).extend(outcomes)

    @property
    def writes(self):
        return [call for call in self.calls if call.action in WRITE_ACTIONS]

    def actions(self):
        return [call.action for call in self.calls]

    def seed(self, **fields):
        config = dict(DomainName='live.example.com', AppName='app', StreamName='', VodTranscodeGroupId='group-1',
                      CycleDuration=3600, AutoCompose='OFF', ComposeVodTranscodeGroupId='', StorageLocation='',
                      OnDemand=0, CreateTime='2026-11-25T11:00:00Z')
        config.update(fields)
        self.configs.append(config)
        return config

    def respond(self, http_response):
        call = Call(http_response)
        self.calls.append(call)
        queue = self._scripted.get(call.action)
        outcome = queue.pop(0) if queue else self.handle
        if isinstance(outcome, Exception):
            raise outcome
        if callable(outcome):
            outcome = outcome(call)
        status, body = outcome
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode('utf-8')
        return status, {}, body

    def _find(self, params):
        for config in self.configs:
            if (config['DomainName'], config['AppName'], config['StreamName']) == (
                    params.get('DomainName'), params.get('AppName'), params.get('StreamName', '')):
                return config
        return None

    def handle(self, call):
        params = call.params
        request_id = str(uuid.uuid4()).upper()
        if params.get('DomainName') not in self.domains:
            return 404, error_body('InvalidDomain.NotFound', 'The domain provided does not belong to you.', request_id)
        if call.action == 'DescribeLiveRecordVodConfigs':
            return 200, self._describe(params, request_id)
        existing = self._find(params)
        if call.action == 'AddLiveRecordVodConfig':
            if existing:
                return 400, error_body('ConfigAlreadyExists', 'Config has already exist.', request_id)
            # With RecordFormat the group is optional: an Add without it stores none.
            self.seed(**dict(dict(VodTranscodeGroupId=''), **self._written(params)))
            return 200, dict(RequestId=request_id)
        if existing is None:
            return 404, error_body('InvalidConfig.NotFound', 'The specified config does not exist.', request_id)
        if call.action == 'DeleteLiveRecordVodConfig':
            self.configs.remove(existing)
        else:
            kept = dict((key, existing[key]) for key in existing
                        if key in NOT_UPDATABLE or key not in SCALARS + ('TranscodeTemplates', 'RecordFormat'))
            existing.clear()
            existing.update(DEFAULTS)
            existing.update(dict((key, value) for key, value in self._written(params).items() if key not in NOT_UPDATABLE))
            existing.update(kept)
        return 200, dict(RequestId=request_id)

    @staticmethod
    def _written(params):
        """The stored form of an Add or Update request's fields."""
        record = dict((k, v) for k, v in params.items() if k in SCALARS)
        templates, formats = parse_lists(params)
        if templates:
            record['TranscodeTemplates'] = templates
        if formats:
            record['RecordFormat'] = formats
        return record

    def _shown(self, config):
        """One config as Describe lists it."""
        item = dict((key, value) for key, value in config.items() if key not in ('TranscodeTemplates', 'RecordFormat'))
        item.update(CycleDuration=int(config['CycleDuration']), OnDemand=int(config['OnDemand']))
        if 'DelayTime' in config:
            item['DelayTime'] = int(config['DelayTime'])
        item.setdefault('RecordContent', 'raw')
        item.setdefault('SpaceId', '')
        templates = config.get('TranscodeTemplates') or []
        item['TranscodeTemplates'] = {'json': json.dumps(templates) if templates else '', 'comma': ','.join(templates),
                                      'list': list(templates)}[self.templates_as]
        formats = [dict(item_format) for item_format in config.get('RecordFormat') or []]
        if self.format_order:
            formats.sort(key=lambda entry: self.format_order.index(entry.get('Format')))
        item['FormatConfig'] = bool(formats)
        item['RecordFormatList'] = dict(RecordFormat=formats)
        return item

    def _describe(self, params, request_id):
        matching = [c for c in self.configs if c['DomainName'] == params['DomainName']
                    and (not params.get('AppName') or c['AppName'] == params['AppName'])
                    and (not params.get('StreamName') or c['StreamName'] == params['StreamName'])]
        page, size = int(params.get('PageNum', 1)), int(params.get('PageSize', 10))
        chunk = matching[(page - 1) * size:page * size]
        body = dict(RequestId=request_id, PageNum=page, PageSize=size, Total=str(len(matching)))
        if chunk:
            # Empty results omit the list, as the real service may.
            body['LiveRecordVodConfigs'] = dict(LiveRecordVodConfig=[self._shown(c) for c in chunk])
        return body
