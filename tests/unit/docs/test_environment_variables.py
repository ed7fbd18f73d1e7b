# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every environment variable the module code reads is documented, and nothing else is."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# Read through the SDK and urllib rather than by name in module_utils.
PROXY_VARIABLES = {'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'}


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return handle.read()


def variables_in_code():
    names = set()
    for path in glob.glob(os.path.join(ROOT, 'plugins', 'module_utils', '*.py')):
        with open(path) as handle:
            names.update(re.findall(r"'((?:ALIBABA_CLOUD|ALICLOUD)_[A-Z0-9_]+)'", handle.read()))
    return names


def test_the_code_reads_the_variables_of_the_chain():
    assert {'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'ALICLOUD_ASSUME_ROLE_ARN', 'ALIBABA_CLOUD_REGION_ID'} \
        <= variables_in_code()


def test_the_guide_the_index_page_and_the_docs_config_list_exactly_the_variables_read():
    expected = variables_in_code() | PROXY_VARIABLES
    defined = set(re.findall(r'^\.\. envvar:: (\S+)$', read('docs', 'docsite', 'rst', 'credentials.rst'), re.M))
    indexed = set(re.findall(r':envvar:`([A-Z0-9_]+)`', read('docs', 'docsite', 'environment_variables.rst')))
    configured = set(yaml.safe_load(read('docs', 'docsite', 'config.yml'))['envvar_directives'])
    assert defined == expected
    assert indexed == expected
    assert configured == expected


def test_the_plugins_declare_only_variables_the_code_reads():
    """Plugin options name their variables with env:; each is one the shared code reads, with the same option."""
    fragment = {}
    exec(compile(read('plugins', 'doc_fragments', 'inventory.py'), 'inventory.py', 'exec'), fragment)
    options = yaml.safe_load(fragment['ModuleDocFragment'].DOCUMENTATION)['options']
    declared = set(entry['name'] for option in options.values() for entry in option.get('env', []))
    assert declared and declared <= variables_in_code()
    # Every option the fragment adds variables to is a connection or credential option of the modules.
    from ansible_collections.alicloud.live.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC
    from ansible_collections.alicloud.live.plugins.module_utils._credentials import CREDENTIAL_ARGUMENT_SPEC
    assert set(options) <= set(CONNECTION_ARGUMENT_SPEC) | set(CREDENTIAL_ARGUMENT_SPEC)
