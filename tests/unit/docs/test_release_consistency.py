# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""galaxy.yml's version, the changelog's releases and every version_added agree.

A plugin or role listed in a release of changelogs/changelog.yaml was added in that release;
anything not listed yet is new in the version galaxy.yml is about to release. Options follow
the same rule: no option can be newer than the collection, and an option of a plugin that is
itself new carries no version_added of its own older than the plugin.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PLUGIN_TYPES = ('modules', 'inventory', 'lookup', 'filter', 'connection', 'callback', 'action')
DOC_BLOCK = re.compile(r'^DOCUMENTATION\s*=\s*r?(?:"""|\'\'\')\n(.*?)^(?:"""|\'\'\')', re.S | re.M)


def load_yaml(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return yaml.safe_load(handle)


def version(text):
    return tuple(int(part) for part in str(text).split('.'))


GALAXY_VERSION = str(load_yaml('galaxy.yml')['version'])
RELEASES = (load_yaml('changelogs', 'changelog.yaml') or {}).get('releases') or {}


def released_in():
    """(plugin type, name) -> the release that added it, from changelogs/changelog.yaml."""
    added = {}
    for release, data in RELEASES.items():
        for key, entries in data.items():
            if key == 'modules':
                kinds = [('modules', entries)]
            elif key == 'plugins':
                kinds = [(kind if kind.endswith('s') else kind, items) for kind, items in entries.items()]
            elif key == 'objects':
                kinds = [('roles' if kind == 'role' else kind, items) for kind, items in entries.items()]
            else:
                continue
            for kind, items in kinds:
                for item in items:
                    added[(kind, item['name'])] = str(release)
    return added


def plugin_docs():
    """(plugin type, name, parsed DOCUMENTATION) of every plugin in plugins/."""
    docs = []
    for kind in PLUGIN_TYPES:
        for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', kind, '*.py'))):
            name = os.path.splitext(os.path.basename(path))[0]
            if name == '__init__':
                continue
            if kind == 'action' and os.path.exists(os.path.join(ROOT, 'plugins', 'modules', name + '.py')):
                continue  # the action plugin of a module: the module carries the documentation
            with open(path) as handle:
                match = DOC_BLOCK.search(handle.read())
            assert match, 'no DOCUMENTATION in %s' % path
            docs.append((kind, name, yaml.safe_load(match.group(1))))
    return docs


def option_versions(options, prefix=''):
    """(dotted option name, version_added) of every option that states one, nested ones included."""
    found = []
    for name, spec in sorted((options or {}).items()):
        if 'version_added' in spec:
            found.append((prefix + name, str(spec['version_added'])))
        for key in ('suboptions', 'options'):
            found.extend(option_versions(spec.get(key), prefix + name + '.'))
    return found


def expected_version_added(kind, name):
    # The changelog names the plugin types in the singular for `plugins` (inventory, lookup...).
    added = released_in()
    for key in ((kind, name), (kind.rstrip('s'), name)):
        if key in added:
            return added[key]
    return GALAXY_VERSION


def test_galaxy_version_is_newer_than_every_release():
    assert re.match(r'^[0-9]+\.[0-9]+\.[0-9]+$', GALAXY_VERSION), GALAXY_VERSION
    for release in RELEASES:
        assert version(release) <= version(GALAXY_VERSION), 'changelog release %s is newer than galaxy.yml %s' % (
            release, GALAXY_VERSION)


@pytest.mark.parametrize('kind, name, doc', plugin_docs(), ids=lambda value: value if isinstance(value, str) else '')
def test_every_plugin_version_added_matches_its_release(kind, name, doc):
    wanted = expected_version_added(kind, name)
    assert str(doc.get('version_added')) == wanted, (
        '%s %s: version_added %s, but %s' % (kind, name, doc.get('version_added'),
                                             'the changelog lists it in release %s' % wanted if wanted != GALAXY_VERSION
                                             else 'it is new in %s (galaxy.yml)' % GALAXY_VERSION))
    for option, added in option_versions(doc.get('options')):
        assert version(wanted) <= version(added) <= version(GALAXY_VERSION), (
            '%s %s option %s: version_added %s is outside %s..%s' % (kind, name, option, added, wanted, GALAXY_VERSION))


def test_every_role_version_added_is_not_newer_than_the_collection():
    for path in glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.yml')):
        with open(path) as handle:
            specs = yaml.safe_load(handle).get('argument_specs') or {}
        for entry_point, spec in specs.items():
            for option, added in option_versions(spec.get('options')):
                assert version(added) <= version(GALAXY_VERSION), '%s %s %s: %s' % (path, entry_point, option, added)


def test_the_docs_name_no_version_beyond_galaxy_yml():
    """'New in alicloud.live X' and similar statements in the guides never promise a later version."""
    for path in glob.glob(os.path.join(ROOT, 'docs', 'docsite', 'rst', '*.rst')) + [os.path.join(ROOT, 'README.md')]:
        with open(path) as handle:
            for found in re.findall(r'alicloud\.live (?:version )?([0-9]+\.[0-9]+\.[0-9]+)', handle.read()):
                assert version(found) <= version(GALAXY_VERSION), '%s mentions alicloud.live %s' % (path, found)


def test_the_docs_name_the_tarball_and_image_of_the_version_being_released():
    pattern = re.compile(r'(?:alicloud-live-|ee-alicloud-live:)(\d+\.\d+\.\d+)')
    stale = []
    for path in glob.glob(os.path.join(ROOT, 'docs', '**', '*'), recursive=True) + [os.path.join(ROOT, 'README.md')]:
        if os.path.isdir(path) or os.sep + 'build' + os.sep in path or not path.endswith(('.rst', '.md', '.yml', '.yaml')):
            continue
        with open(path) as handle:
            stale.extend('%s: %s' % (os.path.relpath(path, ROOT), found)
                         for found in pattern.findall(handle.read()) if found != GALAXY_VERSION)
    assert stale == [], 'galaxy.yml says %s' % GALAXY_VERSION
