# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ApsaraVideo Live API actions, one module each (API version 2016-11-01)."""

from alicloud_live_emulator.actions import (add_live_record_vod_config, delete_live_record_vod_config,
                                            describe_live_record_vod_configs, update_live_record_vod_config)

LIVE_ACTIONS = (
    add_live_record_vod_config.ACTION,
    update_live_record_vod_config.ACTION,
    delete_live_record_vod_config.ACTION,
    describe_live_record_vod_configs.ACTION,
)
