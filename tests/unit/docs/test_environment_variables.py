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
