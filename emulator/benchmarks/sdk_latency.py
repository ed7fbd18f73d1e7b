# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: what one SDK call to the emulator costs, against what the network stack costs.

Runs DescribeLiveRecordVodConfigs through the Alibaba Cloud Python SDK (aliyun-python-sdk-core
and aliyun-python-sdk-live must be installed) against:

* the floor: a minimal local server that answers every request with a fixed Describe body,
  in one write on a TCP_NODELAY socket (SDK + loopback, nothing else);
* the emulator: started here, or an already running one given with --endpoint.

Prints median and 90th percentile per call and the ratio of the medians. A ratio near 1
means the emulator adds next to nothing to the network stack.

    python emulator/benchmarks/sdk_latency.py [--calls 200] [--endpoint http://127.0.0.1:PORT]
"""

import argparse
import json
import os
import socketserver
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

from aliyunsdkcore.client import AcsClient
from aliyunsdklive.request.v20161101.DescribeLiveRecordVodConfigsRequest import DescribeLiveRecordVodConfigsRequest

from alicloud_live_emulator.client import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, EmulatorProcess

FIXED_BODY = json.dumps({'RequestId': '00000000-0000-4000-8000-000000000000', 'PageNum': 1, 'PageSize': 10, 'Total': '0',
                         'LiveRecordVodConfigs': {'LiveRecordVodConfig': []}}).encode('utf-8')


class FixedAnswer(socketserver.StreamRequestHandler):
    """Reads a request head and answers with FIXED_BODY, keep-alive, one write."""

    disable_nagle_algorithm = True

    def handle(self):
        while True:
            length = 0
            line = self.rfile.readline()
            if not line:
                return
            while line not in (b'\r\n', b'\n', b''):
                if line.lower().startswith(b'content-length:'):
                    length = int(line.split(b':', 1)[1])
                line = self.rfile.readline()
            if length:
                self.rfile.read(length)
            self.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: %d\r\n\r\n%s'
                             % (len(FIXED_BODY), FIXED_BODY))


class FloorServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """The minimal server."""

    daemon_threads = True
    allow_reuse_address = True


def sdk_latencies(port, calls):
    """Seconds per Describe call through the SDK, after a few warm-up calls."""
    acs = AcsClient(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, 'cn-shanghai', port=port, auto_retry=False, timeout=10)
    timings = []
    for index in range(calls + 5):
        request = DescribeLiveRecordVodConfigsRequest()
        request.set_endpoint('127.0.0.1')
        request.set_protocol_type('http')
        request.add_query_param('DomainName', 'live.example.com')
        started = time.perf_counter()
        acs.do_action_with_exception(request)
        if index >= 5:
            timings.append(time.perf_counter() - started)
    return timings


def summary(name, timings):
    """One line: median and 90th percentile in milliseconds."""
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    print('%-34s median %7.2f ms   p90 %7.2f ms   (%d calls)' % (name, median * 1000, p90 * 1000, len(ordered)))
    return median


def main():
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--calls', type=int, default=200, help='Describe calls per target (default 200)')
    parser.add_argument('--endpoint', help='measure this running emulator instead of starting one')
    args = parser.parse_args()
    for name in ('HTTP_PROXY', 'http_proxy'):
        os.environ.pop(name, None)

    floor = FloorServer(('127.0.0.1', 0), FixedAnswer)
    threading.Thread(target=floor.serve_forever, daemon=True).start()
    floor_median = summary('floor (SDK + loopback)', sdk_latencies(floor.server_address[1], args.calls))
    floor.shutdown()

    if args.endpoint:
        emulator_median = summary('emulator at %s' % args.endpoint, sdk_latencies(urlsplit(args.endpoint).port, args.calls))
    else:
        with EmulatorProcess.start() as emulator:
            emulator_median = summary('alicloud-live-emulator', sdk_latencies(emulator.port, args.calls))
    print('ratio of the medians, emulator / floor: %.2f' % (emulator_median / floor_median))
    return 0


if __name__ == '__main__':
    sys.exit(main())
