# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The support matrix and the collection checks, as nox sessions (`make test` runs them).

Why antsibull-nox (and not tox-ansible): the community collections build their test loops
with it, and it is a library for a Python noxfile rather than a fixed matrix. That lets this
one file state the support matrix (CORES), the integration subset run on the oldest and the
newest ansible-core (MATRIX_INTEGRATION_TESTS) and the emulator-backed pytest sessions the
tool does not know, next to the tool's own ansible-test sessions, which copy the collection
into an ``ansible_collections`` tree and install the wanted ansible-core from the package
index. tox-ansible generates its environments from a fixed list of ansible-core releases
(devel and milestone come from GitHub, which these offline machines cannot reach), runs
integration tests in its own way and would still need a tox.ini for everything else.

The session environments are built by uv from its shared cache: a few seconds each, where
pip took half a minute to a minute.

    nox -l                      list the sessions
    nox -s units-2.21           one session; -R reuses an environment already built
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox

import antsibull_nox
from antsibull_nox import add_ansible_test_session

ROOT = Path(__file__).resolve().parent

# The tool's own sessions (docs-check, build-import-check): antsibull-nox.toml.
antsibull_nox.load_antsibull_nox_toml()

nox.options.default_venv_backend = 'uv'
# A session whose Python is missing fails: a matrix that skips silently proves nothing.
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = 'yes'
# uv must use the interpreters of this machine, never download one.
os.environ.setdefault('UV_PYTHON_DOWNLOADS', 'never')

# ---- the support matrix ---------------------------------------------------------------------------

# ansible-core release -> (requirement, controller Pythons in order of preference).
# 2.16 is the oldest release meta/runtime.yml claims, 2.19 the default (.venv, Python 3.11),
# 2.21 the newest, which needs Python 3.12 or later on the controller.
CORES = {
    '2.16': ('ansible-core>=2.16,<2.17', ('3.11',)),
    '2.19': ('ansible-core>=2.19,<2.20', ('3.11',)),
    '2.21': ('ansible-core>=2.21,<2.22', ('3.13', '3.12')),
}
OLDEST, DEFAULT, NEWEST = '2.16', '2.19', '2.21'
# ansible-test sanity runs on the oldest and the newest release, for every Python of its
# support range that this machine has (see python_path_dir()).
SANITY_CORES = (OLDEST, NEWEST)

UNIT_TESTS = ['tests/unit']
# The whole integration suite, run on the default release. emulator/tests drive the SDK and
# the emulator alone; docs/examples/offline_testing is the user-facing example of testing a role
# of one's own against the emulator.
INTEGRATION_TESTS = ['emulator/tests', 'tests/integration', 'docs/examples/offline_testing']
# The integration subset run on the oldest and the newest release: the tests marked
# `@pytest.mark.matrix` (the Makefile's matrix target says why those).
MATRIX_INTEGRATION_TESTS = ['tests/integration', '-m', 'matrix']

# The integration tests mostly wait on ansible-playbook processes and on the emulator's
# injected delays: twice as many workers as cores overlap those waits.
INTEGRATION_WORKERS = os.environ.get('INTEGRATION_WORKERS', '4')
UNIT_WORKERS = os.environ.get('PYTEST_WORKERS', 'auto')

PYTHON_HINT = ('Install one, for example with pyenv ("pyenv install 3.13"), your distribution\'s package '
               '(e.g. "apt-get install python3.13" where it exists) or uv ("uv python install 3.13"), '
               'then run make again.')


# ---- finding the interpreters ---------------------------------------------------------------------


def _runs(path):
    """Whether ``path`` is a Python that starts (a pyenv shim of a version not selected does not)."""
    try:
        return subprocess.run([path, '-c', 'import sys'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=120, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _pyenv_roots():
    roots = []
    if os.environ.get('PYENV_ROOT'):
        roots.append(os.environ['PYENV_ROOT'])
    if shutil.which('pyenv'):
        try:
            roots.append(subprocess.run(['pyenv', 'root'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        universal_newlines=True, timeout=60, check=False).stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    roots.append(os.path.expanduser('~/.pyenv'))
    return [root for root in dict.fromkeys(roots) if root and os.path.isdir(root)]


def find_python(version):
    """A working ``python<version>``: on PATH, or one that pyenv installed; None when there is none."""
    name = 'python%s' % version
    found = shutil.which(name)
    if found and _runs(found):
        return found
    for root in _pyenv_roots():
        for candidate in sorted(glob.glob(os.path.join(root, 'versions', '%s*' % version, 'bin', name)), reverse=True):
            if _runs(candidate):
                return candidate
    return None


# Every Python some release of the matrix supports on the controller or on targets.
ALL_PYTHONS = ('2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14')


def python_path_dir():
    """A folder of ``pythonX.Y`` links to every interpreter found, put first on PATH.

    ansible-test runs its per-Python sanity tests (compile, import) for every interpreter of
    its support range it finds on PATH, and nox and uv find the sessions' interpreters there.
    pyenv's shims are on PATH here but fail for versions that are not selected: links to the
    real interpreters make all of them visible without selecting anything. Each process writes
    its own folder and renames it into place, so runs started together never see half of one.
    """
    target = ROOT / '.nox' / 'pythons'
    staging = ROOT / '.nox' / ('pythons.%d' % os.getpid())
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for version in ALL_PYTHONS:
        found = find_python(version)
        if found:
            (staging / ('python%s' % version)).symlink_to(os.path.realpath(found))
    old = ROOT / '.nox' / ('pythons.old.%d' % os.getpid())
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


PYTHONS_DIR = python_path_dir()
os.environ['PATH'] = '%s%s%s' % (PYTHONS_DIR, os.pathsep, os.environ.get('PATH', ''))
FOUND_PYTHONS = sorted(path.name[len('python'):] for path in PYTHONS_DIR.iterdir())


def controller_python(core):
    """The first controller Python of ``core``'s preference that this machine has, else None."""
    for version in CORES[core][1]:
        if version in FOUND_PYTHONS:
            return version
    return None


def require_python(session, core):
    if controller_python(core) is None:
        session.error('ansible-core %s needs Python %s on the controller and none was found (looked for %s on PATH '
                      'and under pyenv). %s' % (core, ' or '.join(CORES[core][1]),
                                                ', '.join('python%s' % v for v in CORES[core][1]), PYTHON_HINT))


def prepare_collection_link():
    """./collections/ansible_collections/alicloud/live: a link to this checkout for pytest-ansible.

    pytest-ansible creates that folder itself, entry by entry, when it is missing, which fails
    when several pytest processes start at once (FileExistsError). One link to the checkout,
    made with a rename that either wins or finds the link there, is safe for any number of them
    and needs no refresh when a top-level folder is added.
    """
    namespace = ROOT / 'collections' / 'ansible_collections' / 'alicloud'
    namespace.mkdir(parents=True, exist_ok=True)
    link = namespace / 'live'
    if link.is_symlink() and link.resolve() == ROOT:
        return
    if link.exists() or link.is_symlink():
        # The older layout: a real folder of per-entry links.
        shutil.rmtree(link) if not link.is_symlink() else link.unlink()
    staging = namespace / ('.live.%d' % os.getpid())
    staging.symlink_to(os.path.join('..', '..', '..'))
    try:
        os.rename(str(staging), str(link))
    except OSError:
        staging.unlink()


# ---- unit and integration tests, on every release of the matrix ------------------------------------


def run_pytest(session, core, paths, workers):
    require_python(session, core)
    prepare_collection_link()
    session.install('-r', 'tests/requirements.txt', CORES[core][0])
    session.run('python', '-c', 'from ansible.release import __version__; import sys; '
                'print("ansible-core", __version__, "on Python", sys.version.split()[0])')
    env = {
        # Interpreter discovery would find a Python without the SDK: modules run in the session's.
        'ANSIBLE_PYTHON_INTERPRETER': os.path.join(session.bin, 'python'),
    }
    session.run('python', '-m', 'pytest', *paths, '-n', workers, '--ansible-connection=local',
                '--ansible-host-pattern=localhost', *session.posargs, env=env)


def _add_test_sessions(core):
    python = controller_python(core) or False

    @nox.session(name='units-%s' % core, python=python, default=True)
    def units(session):
        run_pytest(session, core, UNIT_TESTS, UNIT_WORKERS)
    units.__doc__ = 'Unit tests on ansible-core %s' % core

    paths = INTEGRATION_TESTS if core == DEFAULT else MATRIX_INTEGRATION_TESTS

    @nox.session(name='integration-%s' % core, python=python, default=True)
    def integration(session):
        run_pytest(session, core, paths, INTEGRATION_WORKERS)
    integration.__doc__ = ('Integration tests on ansible-core %s (%s)'
                           % (core, 'the whole suite' if core == DEFAULT else 'the matrix subset'))


for _core in CORES:
    _add_test_sessions(_core)


@nox.session(name='smoke', python=controller_python(DEFAULT) or False, default=False)
def smoke(session):
    """One end-to-end module run and one playbook run against the emulator, on the default release."""
    run_pytest(session, DEFAULT, ['tests/integration/test_lifecycle.py', 'tests/integration/test_check_and_diff.py'], '2')


# ---- ansible-test sanity, on the oldest and the newest release --------------------------------------

# Offline machines (package registries only) cannot download get-pip.py, which ansible-test runs
# to put pip into each sanity test's environment: tests/utils/write_get_pip_standin.py puts an
# equivalent that uses ensurepip and the package index into ansible-test's cache. That is the
# only workaround this file keeps.
# ansible-test keeps its per-test environments under ~/.ansible/test and deletes one it finds
# half-built, so two runs at once (two checkouts) would break each other's. The runs take turns
# on a lock there instead of each building its own: the environments stay warm for all.
ANSIBLE_TEST_LOCK = os.path.expanduser('~/.ansible/test/alicloud-live-sanity.lock')
_lock = []


def _release_sanity_lock():
    while _lock:
        _lock.pop().close()


def _before_sanity(core):
    def before():
        import fcntl  # pylint: disable=import-outside-toplevel

        # A sanity session that failed in this same nox process never reached its
        # callback_after: its lock is still held here, and flock would wait on it forever.
        _release_sanity_lock()
        os.makedirs(os.path.dirname(ANSIBLE_TEST_LOCK), exist_ok=True)
        handle = open(ANSIBLE_TEST_LOCK, 'a')  # pylint: disable=consider-using-with
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print('nox > another ansible-test run uses ~/.ansible/test: waiting for it to finish', flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        _lock.append(handle)
        # The session's ansible-test, in the environment nox built for it (.nox/<session name>).
        packages = glob.glob(str(ROOT / '.nox' / ('sanity-%s' % core.replace('.', '-')) / 'lib' / 'python*' /
                                 'site-packages' / 'ansible_test'))
        if len(packages) != 1:
            raise RuntimeError('cannot find the ansible_test package of the sanity-%s session: %s' % (core, packages))
        subprocess.run([sys.executable, str(ROOT / 'tests' / 'utils' / 'write_get_pip_standin.py'), packages[0]],
                       check=True)
    return before


def _after_sanity():
    # antsibull-nox then copies the copy's tests/output back into this checkout, walking it
    # bottom-up and creating each folder without its parents, which fails on nested folders
    # (tests/output/.tmp/pylint): create them first, top-down. (cwd is the copy here.)
    for folder, dummy, dummy2 in os.walk(os.path.join('tests', 'output')):
        (ROOT / folder).mkdir(parents=True, exist_ok=True)
    # A failed session skips this: the next session's before() or the end of the process releases it.
    _release_sanity_lock()


for _core in SANITY_CORES:
    add_ansible_test_session(
        name='sanity-%s' % _core,
        description='ansible-test sanity of ansible-core %s, every Python it supports that this machine has' % _core,
        # No --python: the per-Python tests run for each interpreter found on PATH (see python_path_dir).
        ansible_test_params=['sanity', '--local', '--color', 'no', '--requirements'],
        default=True,
        ansible_core_version=_core,
        # The GitHub source is out of reach offline: the release from the package index.
        ansible_core_source='pypi',
        callback_before=_before_sanity(_core),
        callback_after=_after_sanity,
    )
