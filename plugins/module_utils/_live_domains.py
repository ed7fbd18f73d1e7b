# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account's live domains (DescribeLiveUserDomains): filters to API parameters, API items to host variables.

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.live.plugins.module_utils._resource import Read

ACTION = 'DescribeLiveUserDomains'
# The most the API serves in one page.
PAGE_SIZE = 50
READ = Read(ACTION, items='Domains.PageData', page_param='PageNumber', size_param='PageSize', total_key='TotalCount',
            page_size=PAGE_SIZE)

DOMAIN_STATUSES = ('online', 'offline')
DOMAIN_TYPES = ('liveVideo', 'liveEdge')
# Record VOD configs belong to streaming domains.
STREAMING_TYPE = 'liveVideo'
MAX_TAGS = 20

# Host variable, API key of a DescribeLiveUserDomains item.
HOSTVARS = (
    ('live_domain_name', 'DomainName'),
    ('live_domain_status', 'LiveDomainStatus'),
    ('live_domain_type', 'LiveDomainType'),
    ('live_domain_cname', 'Cname'),
    ('live_domain_region', 'RegionName'),
    ('live_domain_description', 'Description'),
    ('live_domain_created', 'GmtCreated'),
    ('live_domain_resource_group_id', 'ResourceGroupId'),
)


class FilterError(ValueError):
    """A filter option is malformed; raised before any request."""


def _choice_list(name, value, allowed):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise FilterError('%s must be a list of %s, got %r' % (name, ', '.join(allowed), value))
    for item in value:
        if item not in allowed:
            raise FilterError('%s: %r is not allowed; choose from %s' % (name, item, ', '.join(allowed)))
    # Order kept, duplicates dropped.
    return [item for index, item in enumerate(value) if item not in value[:index]]


def validate_filters(domain_status=None, live_domain_type=None, resource_group_id=None, tags=None):
    """The filter options checked and normalised: a dict of lists, a string or None, and a list of (key, value)."""
    filters = dict(domain_status=_choice_list('domain_status', domain_status, DOMAIN_STATUSES),
                   live_domain_type=_choice_list('live_domain_type', live_domain_type, DOMAIN_TYPES),
                   resource_group_id=None, tags=[])
    if resource_group_id is not None:
        if not isinstance(resource_group_id, str) or not resource_group_id.strip():
            raise FilterError('resource_group_id must be a non-empty string such as rg-acfmxxxxxxxxxxx, got %r' % (resource_group_id,))
        filters['resource_group_id'] = resource_group_id.strip()
    if tags is not None:
        if not isinstance(tags, dict):
            raise FilterError('tags must be a dict of tag keys to values, such as {team: media}, got %r' % (tags,))
        if len(tags) > MAX_TAGS:
            raise FilterError('tags: at most %d tags, got %d' % (MAX_TAGS, len(tags)))
        for key_name, value in tags.items():
            if not isinstance(key_name, str) or not key_name:
                raise FilterError('tags: every key must be a non-empty string, got %r' % (key_name,))
            if value is not None and not isinstance(value, (str, int, float, bool)):
                raise FilterError('tags: the value of %s must be a string, got %r' % (key_name, value))
        filters['tags'] = sorted((key_name, '' if value is None else str(value)) for key_name, value in tags.items())
    return filters


def _single(values, allowed):
    """The one value to send for a list filter, or None: the API takes one value, and all of them is no filter."""
    return values[0] if len(values) == 1 and len(allowed) > 1 else None


def request_params(filters):
    """The DescribeLiveUserDomains parameters for validated ``filters`` (paging left to the client)."""
    params = {}
    status = _single(filters['domain_status'], DOMAIN_STATUSES)
    if status:
        params['DomainStatus'] = status
    domain_type = _single(filters['live_domain_type'], DOMAIN_TYPES)
    if domain_type:
        params['LiveDomainType'] = domain_type
    if filters['resource_group_id']:
        params['ResourceGroupId'] = filters['resource_group_id']
    for index, (key_name, value) in enumerate(filters['tags'], 1):
        params['Tag.%d.Key' % index] = key_name
        if value != '':
            params['Tag.%d.Value' % index] = value
    return params


def matches(item, filters):
    """Whether an API item passes the filters the answer can show (status, type, resource group).

    The service applies them too; this keeps a host out even when it lists more than was asked
    (a status outside the listed ones when every listed one was asked for, say). Tags are not in
    the answer: the service alone applies them.
    """
    if filters['domain_status'] and item.get('LiveDomainStatus') not in filters['domain_status']:
        return False
    if filters['live_domain_type'] and item.get('LiveDomainType') not in filters['live_domain_type']:
        return False
    if filters['resource_group_id'] and item.get('ResourceGroupId') != filters['resource_group_id']:
        return False
    return True


def hostvars(item):
    """The host variables of one API item; a key the answer leaves out is None."""
    return dict((name, item.get(api_key)) for name, api_key in HOSTVARS)


def is_streaming(variables):
    """Whether the domain (host variables) is a streaming domain, the kind that has record VOD configs."""
    return variables.get('live_domain_type') == STREAMING_TYPE


def read_domains(client, filters):
    """The host variables of every domain that passes ``filters``, in the order the service lists them."""
    items = client.read_all(READ, request_params(filters))
    found = []
    seen = set()
    for item in items:
        name = item.get('DomainName')
        if not name or name in seen or not matches(item, filters):
            continue
        seen.add(name)
        found.append(hostvars(item))
    return found
