# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A local emulator of the Alibaba Cloud ApsaraVideo Live API for offline tests.

Speaks the RPC wire protocol of live.aliyuncs.com (API version 2016-11-01) for the
Live-to-VOD actions, with signature, timestamp, nonce and STS token checks, isolated
accounts, per-action flow control, fault injection and a control API under /_emulator/v1/.

Entry points: the ``alicloud-live-emulator`` command (:mod:`.cli`), the Python client
(:mod:`.client`) and the pytest plugin (:mod:`.pytest_plugin`).
"""

__version__ = '0.1.0'
