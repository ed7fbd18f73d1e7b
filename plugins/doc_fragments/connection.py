# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    DOCUMENTATION = r'''
options:
  access_key_id:
    description:
      - The AccessKey ID of the Alibaba Cloud account, RAM user or STS session.
      - When not set, the first of the environment variables E(ALIBABA_CLOUD_ACCESS_KEY_ID), E(ALICLOUD_ACCESS_KEY)
        and E(ALICLOUD_ACCESS_KEY_ID) that is set is used.
      - The module fails before any request when no AccessKey ID is found.
    type: str
    aliases: [access_key, alicloud_access_key]
  access_key_secret:
    description:
      - The AccessKey secret that goes with O(access_key_id).
      - When not set, E(ALIBABA_CLOUD_ACCESS_KEY_SECRET) or else E(ALICLOUD_SECRET_KEY) is used.
      - Never logged, and masked in every result, diff and error message.
    type: str
    aliases: [secret_key, alicloud_secret_key]
  security_token:
    description:
      - The STS security token, when O(access_key_id) and O(access_key_secret) are temporary STS credentials.
      - When not set, E(ALIBABA_CLOUD_SECURITY_TOKEN) or else E(ALICLOUD_SECURITY_TOKEN) is used.
      - Never logged, and masked in every result, diff and error message.
    type: str
    aliases: [alicloud_security_token]
  region_id:
    description:
      - The region of the live center, for example V(cn-shanghai) or V(ap-southeast-1).
      - Chooses the API endpoint unless O(endpoint) is set.
      - When not set, E(ALIBABA_CLOUD_REGION_ID) or else E(ALICLOUD_REGION) is used, and V(cn-shanghai) when neither is set.
    type: str
    default: cn-shanghai
    aliases: [region, alicloud_region]
  endpoint:
    description:
      - A full URL that replaces the regional endpoint, for example V(https://live.aliyuncs.com) or,
        for a local emulator, V(http://127.0.0.1:8080). Scheme, host and port are honoured.
      - When not set, E(ALIBABA_CLOUD_LIVE_ENDPOINT) is used; when that is not set either, the module talks
        https to the endpoint of O(region_id).
      - Only an endpoint given explicitly with V(http://) uses plain http. The modules warn that TLS is off when such an
        endpoint is not on this machine (a host other than V(localhost), V(127.0.0.1) or V(::1)).
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of an https endpoint.
      - Setting it to V(false) with an https endpoint emits a warning; do it only against a test endpoint.
      - It has no effect on an V(http://) endpoint, which has no TLS at all.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for the response to one request (the connection itself waits at most 5 seconds).
    type: float
    default: 10
  retries:
    description:
      - How many times a call is retried after a throttling error, a 5xx answer or a network fault.
      - Other errors are never retried.
    type: int
    default: 5
  retry_delay:
    description:
      - Base of the exponential backoff between retries, in seconds. The n-th retry waits a random time
        between half and all of O(retry_delay) * 2^(n-1), capped by O(retry_max_delay).
    type: float
    default: 1
  retry_max_delay:
    description:
      - The longest wait between two attempts, in seconds.
    type: float
    default: 10
  retry_timeout:
    description:
      - The total time one API call may take across all its attempts and waits, in seconds.
        No retry starts unless it can finish (O(timeout) plus the connection wait) within this budget,
        so with the defaults a call that keeps failing gives up within 60 seconds.
    type: float
    default: 60
notes:
  - Requires the Python packages C(aliyun-python-sdk-core) and C(aliyun-python-sdk-live) on the host that runs the module.
  - With E(ANSIBLE_DEBUG) set, ansible-core itself prints raw module arguments, secrets included; do not enable it
    with real credentials.
requirements:
  - python >= 3.8
  - aliyun-python-sdk-core >= 2.13.36
  - aliyun-python-sdk-live >= 3.9.0
'''
