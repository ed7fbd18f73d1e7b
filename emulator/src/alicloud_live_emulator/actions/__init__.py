# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API actions, one module each: ApsaraVideo Live (2016-11-01) and STS (2015-04-01).

The recording callback actions live together in :mod:`alicloud_live_emulator.record_notify`.
"""

from alicloud_live_emulator.actions import (add_live_record_vod_config, assume_role, assume_role_with_oidc, delete_live_record_vod_config,
                                            describe_live_record_vod_configs, describe_live_user_domains,
                                            update_live_record_vod_config)
from alicloud_live_emulator import record_notify

LIVE_ACTIONS = (
    add_live_record_vod_config.ACTION,
    update_live_record_vod_config.ACTION,
    delete_live_record_vod_config.ACTION,
    describe_live_record_vod_configs.ACTION,
    describe_live_user_domains.ACTION,
) + record_notify.ACTIONS

STS_ACTIONS = (
    assume_role.ACTION,
    assume_role_with_oidc.ACTION,
)
