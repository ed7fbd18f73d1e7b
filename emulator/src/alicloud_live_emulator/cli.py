# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``alicloud-live-emulator`` command.

Serve until SIGTERM or Ctrl-C::

    alicloud-live-emulator [--host 127.0.0.1] [--port 0] [--port-file PATH] [--state-file PATH]
                           [--credentials FILE.json] [--domain NAME ...] [--rate-limit N] [--log-file PATH]
                           [--transcode-templates-format json|comma|list] [--record-format-order reversed|sorted|request]

or run one command against a throwaway emulator and return its exit code::

    alicloud-live-emulator [options] -- ansible-playbook site.yml

The command gets ALIBABA_CLOUD_LIVE_ENDPOINT, the demo access key (unless
ALIBABA_CLOUD_ACCESS_KEY_ID is set already), ALIBABA_CLOUD_REGION_ID=cn-shanghai (unless
set) and no HTTP proxy.
"""

import argparse
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading

from alicloud_live_emulator import __version__, configs
from alicloud_live_emulator.accounts import DEFAULT_REGION_ID, load_credentials
from alicloud_live_emulator.client import environment
from alicloud_live_emulator.control import PREFIX, VERSION
from alicloud_live_emulator.persistence import write_atomic
from alicloud_live_emulator.protocol import ControlError
from alicloud_live_emulator.server import create_server, serve_in_thread

LOG = logging.getLogger('alicloud_live_emulator')
PROG = 'alicloud-live-emulator'


def positive_int(text):
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError('must be a whole number of at least 1, got %r' % text)
    return value


def port_number(text):
    """argparse type: a TCP port, 0 for a free one."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError('must be a port from 0 to 65535 (0 picks a free one), got %r' % text)
    return value


def parse_args(argv):
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog=PROG, description='Local emulator of the Alibaba Cloud ApsaraVideo Live API (Live-to-VOD actions) for offline tests.',
        epilog='With "-- COMMAND ARGS...", runs the command against a throwaway emulator and exits with its exit code.')
    parser.add_argument('--version', action='version', version='%(prog)s ' + __version__)
    parser.add_argument('--host', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    parser.add_argument('--port', type=port_number, default=0, help='port to listen on; 0 picks a free one (default 0)')
    parser.add_argument('--port-file', help='write the port to this file once listening')
    parser.add_argument('--state-file', help='load domains and configurations from this JSON file and save every change to it')
    parser.add_argument('--credentials', metavar='FILE',
                        help='JSON accounts file (accounts with access keys, STS keys, domains and allowed actions) '
                             'instead of the built-in demo accounts')
    parser.add_argument('--domain', action='append', default=[], metavar='NAME',
                        help='add a live domain to the first account (the demo account); repeat for more')
    parser.add_argument('--rate-limit', type=positive_int, metavar='N',
                        help='calls per minute per account allowed for each action (default 1000)')
    parser.add_argument('--transcode-templates-format', choices=configs.TEMPLATE_FORMATS, default=configs.DEFAULT_TEMPLATE_FORMAT,
                        help='how Describe writes TranscodeTemplates: a JSON array string (json, the default), '
                             'a comma-separated string (comma) or a list (list)')
    parser.add_argument('--record-format-order', choices=configs.FORMAT_ORDERS, default=configs.DEFAULT_FORMAT_ORDER,
                        help='the order of the RecordFormat items in Describe: the reverse of the request (reversed, '
                             'the default), by format name (sorted) or as sent (request)')
    parser.add_argument('--log-file', help='write a request log to this file')
    parser.add_argument('--parent-pid', type=int, help='exit when this process is no longer the parent')
    parser.add_argument('command', nargs=argparse.REMAINDER, help='-- COMMAND ARGS...: run it against the emulator')
    args = parser.parse_args(argv)
    if args.command[:1] == ['--']:
        args.command = args.command[1:]
        if not args.command:
            parser.error('no command after "--"; usage: %s [options] -- COMMAND ARGS...' % PROG)
    elif args.command:
        parser.error('unknown arguments %s; a command to run goes after "--"' % ' '.join(args.command))
    return args


def banner(url, accounts, credentials_file, command=None):
    """What the emulator says at start: where it is and which credentials open it."""
    lines = []
    if command:
        shown = shlex.join(command).replace('\n', '\\n')
        lines.append('Running against the local Live API emulator at %s: %s' % (url, shown))
    lines.append('%s %s: local ApsaraVideo Live API (Live-to-VOD actions); no Alibaba Cloud account involved' % (PROG, __version__))
    lines.append('Endpoint:    %s' % url)
    lines.append('Control API: %s%s%s/' % (url, PREFIX, VERSION))
    key = accounts.first_access_key()
    default = accounts.by_id[accounts.default_id()]
    if credentials_file:
        lines.append('Credentials: accounts from %s; its first key:' % credentials_file)
    else:
        lines.append('Credentials: the built-in demo account (public test values; they open nothing but this emulator):')
    lines.append('  export ALIBABA_CLOUD_LIVE_ENDPOINT=%s' % url)
    if key is not None:
        lines.append('  export ALIBABA_CLOUD_ACCESS_KEY_ID=%s' % key.key_id)
        if credentials_file:
            lines.append('  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=<the access_key_secret of %s in %s>' % (key.key_id, credentials_file))
        else:
            lines.append('  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s' % key.secret)
    lines.append('  export ALIBABA_CLOUD_REGION_ID=%s' % DEFAULT_REGION_ID)
    lines.append('Domains of account %s (%s): %s' % (default.account_id, default.name, ', '.join(default.domains) or 'none'))
    if not command:
        lines.append('Stop with Ctrl-C.')
    return '\n'.join(lines) + '\n'


def watch_parent(parent_pid, stop):
    """Set stop once the launching process has gone, so no emulator is left orphaned."""
    while not stop.wait(0.5):
        if os.getppid() != parent_pid:
            LOG.info('parent process %d has gone; stopping', parent_pid)
            stop.set()


def run_command(command, env):
    """Run command to completion; SIGTERM and Ctrl-C are passed on and waited for. Return a shell-style exit code."""
    try:
        process = subprocess.Popen(command, env=env)
    except OSError as exc:
        sys.stderr.write('%s: cannot run %s: %s\n' % (PROG, command[0], exc))
        return 127

    def forward(signum, _frame):
        if process.poll() is None:
            process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    interrupts = 0
    try:
        while True:
            try:
                code = process.wait()
                break
            except KeyboardInterrupt:
                # The terminal sent SIGINT to the command too: give it time to clean up, and only
                # insist when Ctrl-C is pressed again.
                interrupts += 1
                if interrupts == 2:
                    process.terminate()
                elif interrupts > 2:
                    process.kill()
    finally:
        signal.signal(signal.SIGTERM, previous)
    # A command killed by a signal exits as a shell reports it.
    return 128 - code if code < 0 else code


def setup_logging(log_file):
    """The request log goes to log_file, or nowhere."""
    LOG.propagate = False
    if log_file:
        handler = logging.FileHandler(log_file, encoding='utf-8')
        handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(message)s'))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    else:
        LOG.addHandler(logging.NullHandler())


def main(argv=None):
    """Run the emulator (and the command, if one is given); return the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging(args.log_file)
    stop = threading.Event()
    if not args.command:
        def on_signal(signum, _frame):
            LOG.info('signal %d received; stopping', signum)
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    try:
        accounts = load_credentials(args.credentials, extra_domains=args.domain)
        server = create_server(accounts, host=args.host, port=args.port, state_file=args.state_file, rate_limit=args.rate_limit,
                               describe={'transcode_templates_format': args.transcode_templates_format,
                                         'record_format_order': args.record_format_order})
    except (OSError, ValueError, ControlError) as exc:
        sys.stderr.write('%s: cannot start: %s\n' % (PROG, exc))
        return 2
    url = server.url
    serve_in_thread(server)
    try:
        if args.parent_pid:
            threading.Thread(target=watch_parent, args=(args.parent_pid, stop), name='parent-watch', daemon=True).start()
        if args.port_file:
            write_atomic(args.port_file, '%d\n' % server.server_address[1])
        sys.stdout.write(banner(url, accounts, args.credentials, args.command))
        sys.stdout.flush()
        LOG.info('listening on %s', url)
        if args.command:
            key = accounts.first_access_key()
            credentials = {} if key is None else {'access_key_id': key.key_id, 'access_key_secret': key.secret}
            return run_command(args.command, environment(url, base=os.environ, keep_credentials=True, **credentials))
        while not stop.wait(1.0):
            pass
        return 0
    finally:
        server.shutdown()
        server.server_close()
        LOG.info('stopped')
