# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A RAM role assumed through STS AssumeRole, on top of any other source.

Used for the assume_role option, for RamRoleArn and ChainableRamRoleArn CLI profiles and for
ram_role_arn sections of credentials.ini. One AssumeRole call per task: the temporary
credentials live as long as the module process.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.alicloud.live.plugins.module_utils import _sts
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CredentialSource, RoleSpec

# For AWX credentials and other environments that cannot pass the option; the names follow
# the alibaba.alicloud collection's.
ASSUME_ROLE_ENV = dict(
    role_arn='ALICLOUD_ASSUME_ROLE_ARN',
    session_name='ALICLOUD_ASSUME_ROLE_SESSION_NAME',
    duration_seconds='ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION',
    external_id='ALICLOUD_ASSUME_ROLE_EXTERNAL_ID',
    policy='ALICLOUD_ASSUME_ROLE_POLICY',
)


def role_from_options(params, environ=None):
    """The RoleSpec of the assume_role option, else of the ALICLOUD_ASSUME_ROLE_* variables, else None."""
    environ = os.environ if environ is None else environ
    option = params.get('assume_role')
    if option:
        return RoleSpec.build('assume_role', option.get('role_arn'), option.get('session_name'), option.get('duration_seconds'),
                              option.get('policy'), option.get('external_id'),
                              names=dict((key, 'assume_role.%s' % key) for key in ASSUME_ROLE_ENV))
    values = dict((key, environ.get(name) or None) for key, name in ASSUME_ROLE_ENV.items())
    if not any(values.values()):
        return None
    return RoleSpec.build('', names=ASSUME_ROLE_ENV, **values)


class RamRoleSource(CredentialSource):
    """``role`` assumed with the credentials of ``base``."""

    def __init__(self, base, role):
        self.base = base
        self.role = role
        self.region_id = base.region_id
        self.description = '%s, assumed with %s' % (role.describe(), base.description)

    def fetch(self, exchange):
        return _sts.assume_role(exchange, self.base.fetch(exchange), self.role)

    def secrets(self):
        return self.base.secrets()
