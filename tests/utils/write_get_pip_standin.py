# Copyright: alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put an offline stand-in for get-pip.py into ansible-test's cache.

ansible-test bootstraps pip into each sanity test's virtual environment by running
``get-pip.py``, which it downloads from the internet unless
``~/.ansible/test/cache/get_pip_<version>.py`` already exists. Machines that only reach a
package index cannot download it, so this writes a script under that name which
installs pip with ``ensurepip`` and then pins it to the version ansible-test wants
from the package index.

Run it with the Python that has ansible-core (and so ansible-test) installed, or give it the
path of the ``ansible_test`` package to read. noxfile.py runs it before each sanity session:
it is the one offline workaround the test loop keeps.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile

STANDIN = '''\
"""Offline stand-in for get-pip.py, written by tests/utils/write_get_pip_standin.py."""
import subprocess
import sys

# ansible-test passes pip's options and the packages to install (pip==X and
# friends); --no-setuptools / --no-wheel only make sense for the real get-pip.
args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
if not [arg for arg in args if not arg.startswith('-')]:
    args.append('pip=={version}')
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)
'''


def wanted_pip_version(package_dir=None):
    """Read the pip version ansible-test bootstraps from its own source."""
    if package_dir is None:
        import ansible_test  # pylint: disable=import-outside-toplevel

        package_dir = os.path.dirname(ansible_test.__file__)
    source = os.path.join(package_dir, '_internal', 'python_requirements.py')
    with open(source, encoding='utf-8') as handle:
        match = re.search(r"""\bpip=['"]([0-9.]+)['"]""", handle.read())
    if not match:
        raise SystemExit('cannot find the pip version in %s' % source)
    return match.group(1)


def main(argv):
    version = wanted_pip_version(argv[0] if argv else None)
    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
    content = STANDIN.replace('{version}', version)
    try:
        with open(path, encoding='utf-8') as handle:
            if handle.read() == content:
                return 0
    except FileNotFoundError:
        pass
    # Several runs may start at once (two checkouts, one home): each writes a file of its
    # own and renames it over the stand-in, so no run ever reads a half-written script.
    fd, tmp_path = tempfile.mkstemp(dir=cache, prefix='.get_pip_', suffix='.py')
    with os.fdopen(fd, 'w', encoding='utf-8') as handle:
        handle.write(content)
    os.replace(tmp_path, path)
    sys.stdout.write('wrote %s (pip %s from the package index)\n' % (path, version))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
