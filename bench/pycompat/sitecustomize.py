# Loaded by Python at start-up when this folder is on PYTHONPATH (bench/run.sh
# sets it for dnsviz only). Debian 12's dnsviz 0.9.4 imports the module
# pygraphviz.release, which pygraphviz 1.7 no longer ships, and refuses to run
# grok, graph and print without it. This finder supplies a stand-in carrying
# the installed version, only when that module is asked for, so that commands
# which never import pygraphviz (probe) pay nothing for it.
import importlib.abc
import importlib.util
import sys


class _ReleaseShim(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    NAME = "pygraphviz.release"

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.NAME:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        import pygraphviz

        module.version = pygraphviz.__version__


sys.meta_path.append(_ReleaseShim())
