# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DescribeLiveUserDomains: the live domains of the calling account, filtered and paged."""

import re

from alicloud_live_emulator import domains
from alicloud_live_emulator.params import int_param, invalid
from alicloud_live_emulator.protocol import LIVE_API_VERSION
from alicloud_live_emulator.rpc import Action

NAME = 'DescribeLiveUserDomains'
MAX_PAGE_SIZE = 50
SEARCH_TYPES = ('fuzzy_match', 'full_match')
TAG_PARAM = re.compile(r'^Tag\.([0-9]+)\.(Key|Value)$')
MAX_TAGS = 20


def _tags(params):
    """The Tag.N.Key / Tag.N.Value filters as [(key, value or None)], in N order."""
    found = {}
    for name, value in params.items():
        match = TAG_PARAM.match(name)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    if len(found) > MAX_TAGS or any(not 1 <= n <= MAX_TAGS for n in found):
        raise invalid('Tag', 'at most %d tags, numbered from 1.' % MAX_TAGS)
    tags = []
    for number in sorted(found):
        key = found[number].get('Key', '')
        if not key:
            raise invalid('Tag.%d.Key' % number, 'a tag needs a key.')
        tags.append((key, found[number].get('Value') or None))
    return tags


def _matches(name, attributes, params, tags):
    status, domain_type = params.get('DomainStatus', ''), params.get('LiveDomainType', '')
    if status and attributes['status'] != status:
        return False
    if domain_type and attributes['type'] != domain_type:
        return False
    if params.get('ResourceGroupId') and attributes['resource_group_id'] != params['ResourceGroupId']:
        return False
    if params.get('RegionName') and attributes['region'] != params['RegionName']:
        return False
    search = params.get('DomainName', '')
    if search:
        if params.get('DomainSearchType') == 'full_match':
            if name != search:
                return False
        elif search not in name:
            return False
    for key, value in tags:
        if key not in attributes['tags'] or (value is not None and attributes['tags'][key] != value):
            return False
    return True


def handle(call):
    """One page of the account's matching domains; TotalCount counts them all."""
    params = call.params
    page_number = int_param(params, 'PageNumber', 1, lambda v: 1 <= v <= 100000, 'it must be an integer from 1 to 100000.')
    page_size = int_param(params, 'PageSize', 20, lambda v: 1 <= v <= MAX_PAGE_SIZE,
                          'it must be an integer from 1 to %d.' % MAX_PAGE_SIZE)
    search_type = params.get('DomainSearchType', '')
    if search_type and search_type not in SEARCH_TYPES:
        raise invalid('DomainSearchType', 'it must be fuzzy_match or full_match.')
    tags = _tags(params)
    with call.state.lock:
        listing = call.state.domain_listing_locked(call.account_id)
    matching = [domains.api_shape(name, attributes) for name, attributes in listing
                if _matches(name, attributes, params, tags)]
    start = (page_number - 1) * page_size
    return {
        'PageNumber': page_number,
        'PageSize': page_size,
        'TotalCount': len(matching),
        'Domains': {'PageData': matching[start:start + page_size]},
    }


ACTION = Action(NAME, LIVE_API_VERSION, handle)
