# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The attributes of a live domain: status, type, resource group, tags, CNAME, region, description, creation time.

A domain of the accounts file is a host name (every attribute its default) or an object::

    {"domain_name": "live.example.com",
     "status": "online",                  # online (default) or offline
     "type": "liveVideo",                 # liveVideo (streaming, default) or liveEdge (ingest)
     "resource_group_id": "rg-default",
     "tags": {"team": "media"},
     "cname": "live.example.com.w.alikunlun.com",   # default: <domain>.w.alikunlun.com
     "region": "cn-shanghai",
     "description": "",
     "created": "2026-01-01T00:00:00Z"}

The control API (``GET``/``POST domains``) shows them and changes them while running.
"""

from alicloud_live_emulator.params import is_host_name
from alicloud_live_emulator.protocol import ControlError, parse_utc

STATUSES = ('online', 'offline', 'configuring', 'configure_failed', 'checking', 'check_failed')
TYPES = ('liveVideo', 'liveEdge')
DEFAULTS = {
    'status': 'online',
    'type': 'liveVideo',
    'resource_group_id': 'rg-default',
    'tags': {},
    'region': 'cn-shanghai',
    'description': '',
    'created': '2026-01-01T00:00:00Z',
}
ATTRIBUTES = ('status', 'type', 'resource_group_id', 'tags', 'cname', 'region', 'description', 'created')


def defaults(name):
    """The attributes of a domain that nothing described."""
    attributes = dict(DEFAULTS, tags={})
    attributes['cname'] = '%s.w.alikunlun.com' % name
    return attributes


def _check(name, changes, error):
    unknown = sorted(set(changes) - set(ATTRIBUTES))
    if unknown:
        raise error('domain %s: unknown attribute %s; the attributes are %s' % (name, ', '.join(unknown), ', '.join(ATTRIBUTES)))
    if 'status' in changes and changes['status'] not in STATUSES:
        raise error('domain %s: status must be one of %s' % (name, ', '.join(STATUSES)))
    if 'type' in changes and changes['type'] not in TYPES:
        raise error('domain %s: type must be one of %s' % (name, ', '.join(TYPES)))
    tags = changes.get('tags', {})
    if not isinstance(tags, dict) or not all(isinstance(k, str) and k and isinstance(v, str) for k, v in tags.items()):
        raise error('domain %s: tags must be an object of non-empty string keys to string values' % name)
    for text in ('resource_group_id', 'cname', 'region', 'description'):
        if text in changes and not isinstance(changes[text], str):
            raise error('domain %s: %s must be a string' % (name, text))
    if 'created' in changes and (not isinstance(changes['created'], str) or parse_utc(changes['created']) is None):
        raise error('domain %s: created must be a UTC time such as 2026-01-01T00:00:00Z' % name)


def parse_entry(entry, error=ValueError):
    """(name, changed attributes) of a domain entry: a host name, or an object with domain_name."""
    if isinstance(entry, str):
        name, changes = entry, {}
    elif isinstance(entry, dict):
        changes = dict(entry)
        name = changes.pop('domain_name', None)
    else:
        raise error('a domain must be a host name or an object with domain_name')
    if not isinstance(name, str) or not is_host_name(name):
        raise error('domain %r is not a host name such as live.example.com' % (name,))
    _check(name, changes, error)
    if 'tags' in changes:
        changes['tags'] = dict(changes['tags'])
    return name, changes


def parse_entries(entries):
    """Control API ``domains``: [(name, changed attributes)]; a ControlError on bad input."""
    if not isinstance(entries, list):
        raise ControlError('domains must be a list of host names or objects with domain_name')
    return [parse_entry(entry, ControlError) for entry in entries]


def describe(name, attributes):
    """A domain as the control API shows it."""
    shown = {'domain_name': name}
    shown.update(attributes)
    shown['tags'] = dict(attributes['tags'])
    return shown


def api_shape(name, attributes):
    """A domain as DescribeLiveUserDomains lists it."""
    return {
        'DomainName': name,
        'LiveDomainType': attributes['type'],
        'LiveDomainStatus': attributes['status'],
        'Cname': attributes['cname'],
        'RegionName': attributes['region'],
        'Description': attributes['description'],
        'GmtCreated': attributes['created'],
        'GmtModified': attributes['created'],
        'ResourceGroupId': attributes['resource_group_id'],
    }
