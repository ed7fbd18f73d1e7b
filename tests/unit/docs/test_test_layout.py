# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every test module has a basename of its own across the test folders pytest collects.

pytest imports test modules by basename (rootdir-relative "prepend" import mode): two files
called test_x.py in two folders collected in one run fail with "import file mismatch".
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import configparser
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def collected_folders():
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, 'pytest.ini'))
    return parser.get('pytest', 'testpaths').split()


def test_test_module_basenames_are_unique():
    folders = collected_folders()
    assert 'emulator/tests' in folders and 'tests/integration' in folders
    seen = collections.defaultdict(list)
    for folder in folders:
        for directory, dummy, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.startswith('test_') and name.endswith('.py'):
                    seen[name].append(os.path.relpath(os.path.join(directory, name), ROOT))
    clashes = dict((name, paths) for name, paths in seen.items() if len(paths) > 1)
    assert not clashes, 'test modules that share a basename: %s' % clashes
