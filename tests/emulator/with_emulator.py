# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command against a throwaway local Live-to-VOD API emulator.

Usage: python tests/emulator/with_emulator.py [--state-file F] [--log-file F] [--rate-limit N] -- CMD ARGS...

The command gets ALIBABA_CLOUD_LIVE_ENDPOINT pointing at the emulator, the demo
access key unless ALIBABA_CLOUD_ACCESS_KEY_ID is already set, and
ALIBABA_CLOUD_REGION_ID=cn-shanghai unless set, and no HTTP_PROXY. The emulator
is always stopped afterwards and the command's exit code is returned.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile

from emulator_client import DEFAULT_REGION_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, Emulator, EmulatorError


def command_env(emulator, environ):
    """The environment the command runs with."""
    env = dict(environ)
    env['ALIBABA_CLOUD_LIVE_ENDPOINT'] = emulator.url
    if not env.get('ALIBABA_CLOUD_ACCESS_KEY_ID'):
        env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = DEMO_ACCESS_KEY_ID
        env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = DEMO_ACCESS_KEY_SECRET
    if not env.get('ALIBABA_CLOUD_REGION_ID'):
        env['ALIBABA_CLOUD_REGION_ID'] = DEFAULT_REGION_ID
    # The SDK sends plain-http calls to HTTP_PROXY whatever NO_PROXY says, and the emulator speaks
    # plain http only: drop the http proxy (HTTPS_PROXY stays for whatever else the command fetches).
    for name in ('HTTP_PROXY', 'http_proxy'):
        env.pop(name, None)
    # Other tools honour NO_PROXY.
    for name in ('NO_PROXY', 'no_proxy'):
        hosts = [h for h in env.get(name, '').split(',') if h]
        if emulator.host not in hosts:
            env[name] = ','.join(hosts + [emulator.host])
    return env


def run(command, env):
    """Run command to completion; SIGTERM and Ctrl-C are passed on and waited for."""
    process = subprocess.Popen(command, env=env)

    def forward(signum, _frame):
        if process.poll() is None:
            process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    interrupts = 0
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                # The terminal already sent SIGINT to the command: give it time to clean up,
                # and only insist when Ctrl-C is pressed again.
                interrupts += 1
                if interrupts == 2:
                    process.terminate()
                elif interrupts > 2:
                    process.kill()
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv=None):
    """Start the emulator, run the command, stop the emulator; return the command's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--state-file', help='keep emulator state in this JSON file across runs')
    parser.add_argument('--log-file', help='write the emulator request log to this file')
    parser.add_argument('--rate-limit', type=int, help='write calls per minute per account (default 1000)')
    parser.add_argument('command', nargs=argparse.REMAINDER, help='-- CMD ARGS...')
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('no command given; usage: with_emulator.py [options] -- CMD ARGS...')
    tmp_dir = tempfile.mkdtemp(prefix='alicloud-live-emulator-')
    emulator = None
    try:
        try:
            emulator = Emulator.start(tmp_dir, state_file=args.state_file, log_file=args.log_file, rate_limit=args.rate_limit)
        except EmulatorError as exc:
            sys.stderr.write('with_emulator: %s\n' % exc)
            return 2
        try:
            code = run(command, command_env(emulator, os.environ))
        except OSError as exc:
            sys.stderr.write('with_emulator: cannot run %s: %s\n' % (command[0], exc))
            return 127
        # A command killed by a signal exits like a shell reports it.
        return 128 - code if code < 0 else code
    finally:
        if emulator is not None:
            emulator.stop()
        shutil.rmtree(tmp_dir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
