# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m alicloud_live_emulator``: the same as the ``alicloud-live-emulator`` command."""

import sys

from alicloud_live_emulator.cli import main

sys.exit(main())
