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

from ansible_collections.alicloud.live.plugins.module_utils import _sts
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CredentialSource


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
