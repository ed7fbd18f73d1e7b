# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Diff mode: a resource's configs before and after, as text that Ansible's callbacks print.

A callback prints a ``diff`` whose ``before`` and ``after`` are text (it diffs their lines) or
flat mappings; lists inside them break it. So each config is rendered here as stable,
YAML-like text:

- keys in the order the config has them (the field table's order);
- a list of dicts that has a compare key (``keys``: {field name: suboption}) sorted by that
  key, so that the order the API lists elements in never shows as a change and a nested
  change shows under its own element;
- scalars as YAML scalars, strings quoted whenever YAML would read them as something else.

Entry points:

- ``render(config, keys=None, omit=())``: the text of one config (a dict).
- ``config_diff(before, after, header, keys=None, omit=())``: one ``diff`` entry,
  ``{before, after, before_header, after_header}``; an absent config (None) is empty text.
- ``configs_diff(before, after, identity, header, keys=None, omit=())``: the entries of a
  set of configs (lists), one per config whose text differs, ordered by ``identity``
  (config -> sortable tuple); ``header`` (config -> str) names each. Callbacks print a list
  of entries one after the other.

This module names no resource: the caller passes the compare keys, identity and headers.
It is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

INDENT = '  '
# Plain YAML scalars that read back as the same string: anything else is double-quoted.
_PLAIN = re.compile(r'[A-Za-z_/][A-Za-z0-9_./@+-]*(?:[ ][A-Za-z0-9_./@+-]+)*')
_YAML_WORDS = frozenset(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~'])


def _scalar(value):
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return str(value)
    text = value if isinstance(value, str) else str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _sort_key(key):
    def sort_key(item):
        value = item.get(key) if isinstance(item, dict) else item
        return (value is None, str(value))
    return sort_key


def _ordered_list(name, items, keys):
    key = (keys or {}).get(name)
    if key and all(isinstance(item, dict) for item in items):
        return sorted(items, key=_sort_key(key))
    return list(items)


def _lines(value, depth, keys, name=None):
    """The lines of ``value`` (a dict or a list) at indentation ``depth``."""
    pad = INDENT * depth
    lines = []
    if isinstance(value, dict):
        for field, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append('%s%s:' % (pad, _scalar(field)))
                lines.extend(_lines(item, depth + 1, keys, field))
            else:
                lines.append('%s%s: %s' % (pad, _scalar(field), _inline(item)))
        return lines
    for item in _ordered_list(name, value, keys):
        if isinstance(item, (dict, list)) and item:
            inner = _lines(item, depth + 1, keys)
            # The first line of the element goes on the dash: "- name: value".
            lines.append('%s- %s' % (pad, inner[0][len(INDENT) * (depth + 1):]))
            lines.extend(inner[1:])
        else:
            lines.append('%s- %s' % (pad, _inline(item)))
    return lines


def _inline(value):
    if isinstance(value, dict):
        return '{}'
    if isinstance(value, list):
        return '[]'
    return _scalar(value)


def render(config, keys=None, omit=()):
    """The YAML-like text of one config (a dict); empty text for None."""
    if config is None:
        return ''
    shown = dict((name, value) for name, value in config.items() if name not in omit)
    return ''.join(line + '\n' for line in _lines(shown, 0, keys))


def config_diff(before, after, header, keys=None, omit=()):
    """One diff entry for one config; ``before`` or ``after`` None means absent."""
    return dict(before=render(before, keys, omit), after=render(after, keys, omit),
                before_header=header, after_header=header)


def configs_diff(before, after, identity, header, keys=None, omit=()):
    """The diff entries of the configs that differ between the lists ``before`` and ``after``."""
    old = dict((identity(config), config) for config in before or [])
    new = dict((identity(config), config) for config in after or [])
    entries = []
    for found in sorted(set(old) | set(new), key=lambda value: tuple('' if part is None else str(part) for part in value)):
        entry = config_diff(old.get(found), new.get(found), header(new.get(found) or old.get(found)), keys, omit)
        if entry['before'] != entry['after']:
            entries.append(entry)
    return entries


def compare_keys(fields):
    """{field name: compare key} of every keyed list among ``fields`` and their suboptions (objects with
    ``name`` and, for a list of dicts compared as a set, ``key`` and ``options``)."""
    keys = {}
    for field in fields or ():
        if getattr(field, 'key', None):
            keys[field.name] = field.key
        keys.update(compare_keys(getattr(field, 'options', None)))
    return keys
