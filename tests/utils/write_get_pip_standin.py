# Copyright: alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put an offline stand-in for get-pip.py into ansible-test's cache.

ansible-test bootstraps pip into each sanity test's virtual environment by running
``get-pip.py``, which it downloads from the internet unless
``~/.ansible/test/cache/get_pip_<version>.py`` already exists. Machines that only reach a
package index cannot download it, so this writes a script under that name which
installs the pip version ansible-test wants from the package index: with uv where it can
(a fraction of a second), else with ``ensurepip`` and then pip itself (five seconds of CPU,
for each of the dozens of environments a cold sanity run builds).

Run it with the Python that has ansible-core (and so ansible-test) installed, or give it the
path of the ``ansible_test`` package to read. noxfile.py runs it before each sanity session:
it is the one offline workaround the test loop keeps.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile

STANDIN = '''\
"""Offline stand-in for get-pip.py, written by tests/utils/write_get_pip_standin.py."""
import os
import subprocess
import sys

# ansible-test passes pip's options and the packages to install (pip==X and
# friends); --no-setuptools / --no-wheel only make sense for the real get-pip.
args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
packages = [arg for arg in args if not arg.startswith('-')] or ['pip=={version}']
options = [arg for arg in args if arg.startswith('-')]
# uv puts those packages in from its cache in a fraction of a second, where ensurepip and
# then pip take five seconds of CPU per environment. uv cannot install into Pythons before 3.7.
# ansible-test runs this with few of the caller's environment variables: uv gets back the ones
# it reaches the package index with (certificates, proxies, its own settings).
UV = {uv!r}
UV_ENV = {uv_env!r}
if UV and sys.version_info >= (3, 7) and set(options) <= {{'--disable-pip-version-check'}}:
    env = dict(os.environ)
    env.update(UV_ENV)
    try:
        subprocess.check_call([UV, 'pip', 'install', '--quiet', '--python', sys.executable] + packages, env=env)
        sys.exit(0)
    except (OSError, subprocess.CalledProcessError):
        pass
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + options + packages)
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


# What uv needs to reach the package index as it does for nox.
UV_ENVIRONMENT = ('SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy',
                  'no_proxy')


def uv_environment():
    return dict(sorted((name, value) for name, value in os.environ.items()
                       if name in UV_ENVIRONMENT or name.startswith('UV_')))


def main(argv):
    version = wanted_pip_version(argv[0] if argv else None)
    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
    # The uv beside this Python (.venv-nox's, when noxfile.py runs this), else one on PATH.
    uv = shutil.which('uv', path=os.pathsep.join((os.path.dirname(sys.executable), os.environ.get('PATH', ''))))
    content = STANDIN.format(version=version, uv=uv, uv_env=uv_environment())
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
