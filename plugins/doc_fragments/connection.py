# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    DOCUMENTATION = r'''
options:
  region_id:
    description:
      - The region of the live center, for example V(cn-shanghai) or V(ap-southeast-1).
      - Chooses the API endpoint unless O(endpoint) is set, and the default STS endpoint.
      - When not set, E(ALIBABA_CLOUD_REGION_ID) or else E(ALICLOUD_REGION) is used; when neither is set, the
        C(region_id) of the Alibaba Cloud CLI profile that gives the credentials (see O(profile)); and V(cn-shanghai)
        when there is none.
    type: str
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
  rate_limit:
    description:
      - The account's API budget, in calls per minute for each API action, reads included, from V(1) to V(1000).
      - Every module of the collection and the C(alicloud.live.live_domains) inventory plugin running on this
        controller draw from one budget per account and action, across forks, loops and concurrent C(ansible-playbook)
        runs. Where tasks give different values, the lowest of the tasks running governs.
      - Calls are spread evenly, one every 60 / O(rate_limit) seconds per action, so no burst goes above the rate in any
        window.
      - A throttling answer (someone else, maybe outside this controller, uses the same account) halves the rate for
        everyone for 20 seconds, then the rate comes back to O(rate_limit) over 40 seconds.
      - The account is the owner of the AccessKey where the credentials tell it (a RAM role ARN), else the AccessKey ID.
        A local endpoint (an emulator) has budgets of its own.
      - The account's limit is 1,000 calls per minute per action, shared by everything that uses the account; the
        default leaves room for other callers. With AWX job slicing every slice runs in its own container with its own
        budget, so give each slice O(rate_limit) divided by the number of slices.
      - When not set, E(ALIBABA_CLOUD_LIVE_RATE_LIMIT) is used; when that is not set either, V(900).
    type: int
  budget_dir:
    description:
      - The directory that holds the shared API budgets, one small file per account (named by a hash; no key or
        secret is written).
      - When not set, E(ALIBABA_CLOUD_LIVE_BUDGET_DIR) is used; when that is not set either, C(~/.ansible/alicloud_live/budget)
        of the user that runs the module.
      - Point every job that uses the same account at the same directory, for example a volume shared by the containers
        of an execution environment.
      - Where the directory cannot be created or written, the module warns and paces only its own calls.
    type: path
notes:
  - The credential options are described with the other options; the order in which the sources are tried is in
    the credentials guide of the collection.
  - Requires the Python packages C(aliyun-python-sdk-core) and C(aliyun-python-sdk-live) on the host that runs the module.
  - With E(ANSIBLE_DEBUG) set, ansible-core itself prints raw module arguments, secrets included; do not enable it
    with real credentials.
requirements:
  - python >= 3.8
  - aliyun-python-sdk-core >= 2.13.36
  - aliyun-python-sdk-live >= 3.9.0
'''
